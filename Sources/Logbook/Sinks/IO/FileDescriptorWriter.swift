/// The one write loop: every sink and diagnostic that writes to a file descriptor
/// writes through it.
enum FileDescriptorWriter {
    /// Writes all of `bytes` to `fd`, looping on partial writes. Returns `nil` when every
    /// byte was written, else the failure's `errno` and how many bytes went out before it.
    /// `EINTR` retries; `EAGAIN` (a non-blocking descriptor whose reader is behind) waits
    /// in `poll(2)`, as a blocking descriptor would; a write of zero bytes fails with `EIO`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> (code: Int32, written: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            switch System.write(fd, base + written, bytes.count - written) {
            case .wrote(let count) where count > 0: written += count
            case .wrote: return (5, written)  // EIO
            case .interrupted: continue
            case .wouldBlock: System.waitUntilWritable(fd, milliseconds: 1000)
            case .failed(let code): return (code, written)
            }
        }
        return nil
    }
}
