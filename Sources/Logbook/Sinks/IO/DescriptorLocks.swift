/// One write lock per file descriptor number, shared by everything in the process that
/// writes lines to that descriptor: every ``StreamSink`` on it, the last resort and
/// Logbook's own diagnostics on standard error.
///
/// A lock per sink is not enough: two sinks on standard output (a root sink and one on a
/// subtree that does not propagate) would each hold their own lock, and on a pipe a
/// `write(2)` longer than `PIPE_BUF` (4 KiB on Linux) is not atomic, so their lines could
/// interleave. A descriptor number reused after `close` for another file keeps its lock,
/// which only serializes writes that did not need it.
enum DescriptorLocks {
    private static let locks = LockedState<[Int32: ConditionLock]>([:])

    /// The lock for `fd`, created on first use.
    static func lock(for fd: Int32) -> ConditionLock {
        locks.withLock { locks in
            if let existing = locks[fd] { return existing }
            let created = ConditionLock()
            locks[fd] = created
            return created
        }
    }
}
