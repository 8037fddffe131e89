/// The one write loop: every sink and diagnostic that writes to a file descriptor
/// writes through it.
enum FileDescriptorWriter {
    /// Writes all of `bytes` to `fd`, looping on partial writes. Returns `nil` when every
    /// byte was written, else the failure's `errno` and how many bytes went out before it.
    ///
    /// - `EINTR` retries the write.
    /// - `EAGAIN` (a non-blocking descriptor, usually a pipe or terminal whose reader is
    ///   behind) waits in `poll(2)` until the descriptor is writable, then writes on: the
    ///   same wait a blocking descriptor makes, without spinning, and without leaving part
    ///   of a line for the next one to be glued to. A reader that goes away turns the wait
    ///   into `EPIPE` on the next write. (To keep logging calls from waiting, wrap the sink
    ///   in an ``AsyncSink`` with a dropping ``AsyncSink/OverflowPolicy``.)
    /// - A write of zero bytes makes no progress and would make none if repeated: it fails
    ///   with `EIO` instead of looping forever.
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
