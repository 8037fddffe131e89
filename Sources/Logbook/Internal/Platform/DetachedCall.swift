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

    private init(discard: @escaping @Sendable (Outcome) -> Void) {
        self.discard = discard
        finished = lock.makeCondition()
    }

    deinit {
        if let outcome { discard(outcome) }
    }

    /// Starts `call` on a new thread; `nil` when no thread could be started.
    package static func start(
        _ call: @escaping @Sendable () -> Outcome, discard: @escaping @Sendable (Outcome) -> Void = { _ in }
    ) -> DetachedCall? {
        let detached = DetachedCall(discard: discard)
        let started = BackgroundThread.start {
            let outcome = call()
            detached.lock.withLock {
                detached.outcome = outcome
                detached.lock.signal(detached.finished)
            }
        }
        return started ? detached : nil
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
