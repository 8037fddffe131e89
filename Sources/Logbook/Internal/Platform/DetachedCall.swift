/// A blocking call run on a thread of its own and waited for with a deadline, for calls that
/// take no timeout themselves: a ``SyslogSink``'s host name lookup (`getaddrinfo(3)`), which a
/// hung resolver can hold for many seconds, and the actions a shutdown runs before the drain.
/// A caller that gave up can wait for the same call again later instead of starting another
/// thread.
package final class DetachedCall<Outcome>: @unchecked Sendable {
    private let lock = ConditionLock()
    private let finished: ConditionLock.Condition
    /// Guarded by ``lock``.
    private var outcome: Outcome?
    /// Releases an outcome nobody took (run when the last reference goes).
    private let discard: @Sendable (Outcome) -> Void

    /// Starts `call` on a new thread; `nil` when no thread could be started.
    package init?(
        _ call: @escaping @Sendable () -> Outcome, discard: @escaping @Sendable (Outcome) -> Void = { _ in }
    ) {
        self.discard = discard
        finished = lock.makeCondition()
        let started = BackgroundThread.start { [self] in
            let outcome = call()
            lock.withLock {
                self.outcome = outcome
                lock.signal(finished)
            }
        }
        if !started { return nil }
    }

    deinit {
        if let outcome { discard(outcome) }
    }

    /// The outcome, taken, once the call returned, waiting at most `timeout`; `nil` while it
    /// still runs.
    package func take(waitingAtMost timeout: Duration) -> Outcome? {
        let deadline = ConditionLock.deadline(after: timeout)
        return lock.withLock {
            while outcome == nil, lock.wait(finished, until: deadline) {}
            defer { outcome = nil }
            return outcome
        }
    }
}
