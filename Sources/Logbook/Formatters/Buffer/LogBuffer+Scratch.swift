extension LogBuffer {
    /// Runs `body` with an empty buffer reused by the calling thread.
    ///
    /// Sinks use it to format a record without allocating: the buffer keeps its storage between
    /// calls on the same thread. A nested call on the same thread gets a fresh temporary buffer, so
    /// the two never overwrite each other. Do not let the buffer's bytes escape `body`.
    public static func withScratch<Result, Failure: Error>(
        _ body: (inout LogBuffer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        // The thread's slot keeps the scratch alive: use it without retaining it.
        let unmanaged = ThreadScratch.unmanagedCurrent
        let outcome: Swift.Result<Result, Failure> = unmanaged._withUnsafeGuaranteedRef { scratch in
            do throws(Failure) {
                guard !scratch.bufferInUse else {
                    var temporary = LogBuffer(capacity: 1024)
                    return .success(try body(&temporary))
                }
                scratch.bufferInUse = true
                defer {
                    scratch.buffer.pointee.shrink(ifLargerThan: 256 * 1024, to: 16 * 1024)
                    scratch.bufferInUse = false
                }
                scratch.buffer.pointee.removeAll()
                return .success(try body(&scratch.buffer.pointee))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
