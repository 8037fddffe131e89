/// Writes complete byte runs to a file descriptor.
enum FileDescriptorWriter {
    /// Writes all of `bytes` to `fd`, looping on partial writes, retrying `EINTR`, and
    /// waiting for writability on `EAGAIN`. Returns the `errno` of a failure, or `nil`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard var base = bytes.baseAddress else { return nil }
        var remaining = bytes.count
        var zeroWrites = 0
        while remaining > 0 {
            switch System.write(fd, base, remaining) {
            case .wrote(let count):
                if count == 0 {
                    zeroWrites += 1
                    if zeroWrites > 16 { return ioErrorCode }
                }
                base += count
                remaining -= count
            case .interrupted:
                continue
            case .wouldBlock:
                System.waitUntilWritable(fd, milliseconds: 1000)
            case .failed(let code):
                return code
            }
        }
        return nil
    }

    private static let ioErrorCode: Int32 = 5
}

/// Reports Logbook's own problems (a failing sink, a record with nowhere to go) on
/// standard error, each as one line starting with `Logbook:`.
enum Diagnostics {
    static let standardErrorFD: Int32 = 2

    /// Writes `message` as one line to standard error, under the descriptor's shared
    /// lock so it never lands inside another writer's line. Never fails.
    static func report(_ message: String) {
        var line = "Logbook: " + message + "\n"
        let lock = DescriptorLocks.lock(for: standardErrorFD)
        line.withUTF8 { bytes in
            lock.withLock { _ = FileDescriptorWriter.writeAll(standardErrorFD, UnsafeRawBufferPointer(bytes)) }
        }
    }
}
