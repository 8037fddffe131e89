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
            lock.withLock { _ = System.writeAll(standardErrorFD, UnsafeRawBufferPointer(bytes)) }
        }
    }
}
