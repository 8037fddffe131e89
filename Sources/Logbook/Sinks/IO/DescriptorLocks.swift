/// One write lock per file descriptor, shared by every ``StreamSink``, the last resort and
/// diagnostics: on a pipe a `write(2)` longer than `PIPE_BUF` is not atomic, so two sinks on
/// one descriptor with locks of their own could interleave lines.
enum DescriptorLocks {
    private static let locks = LockedState<[Int32: ConditionLock]>([:])

    /// The lock for `fd`, created on first use.
    static func lock(for fd: Int32) -> ConditionLock {
        locks.withLock { locks in
            let lock = locks[fd] ?? ConditionLock()
            locks[fd] = lock
            return lock
        }
    }
}
