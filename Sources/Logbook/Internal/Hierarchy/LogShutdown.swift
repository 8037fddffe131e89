/// The one shutdown routine, behind ``LogSetup/shutdown(timeout:)``, the exit hook and
/// `LogbookService`: first the sampling summaries still held back (records too), then
/// ``LogSink/shutdown(timeout:)`` on every sink, all within one deadline. Running it twice
/// is harmless.
package enum LogShutdown {
    /// The last bootstrap's shutdown timeout; `nil` until the exit hook is installed.
    static let exitTimeout = LockedState<Duration?>(nil)

    /// Drains every sink attached anywhere in `hierarchy`, as configured now. Returns whether
    /// every sink wrote everything it had accepted.
    @discardableResult
    package static func run(_ hierarchy: LogHierarchy, timeout: Duration) -> Bool {
        let sinks = hierarchy.state.withLock { state in
            var seen = Set<ObjectIdentifier>()
            // Each once, a parent's before its children's.
            return hierarchy.subtree(of: hierarchy.rootNode, in: state)
                .flatMap { state.configurations[ObjectIdentifier($0)]!.sinks }
                .filter { seen.insert(ObjectIdentifier($0)).inserted }
        }
        // A sink an AsyncSink wraps goes after it, wherever each is attached: the AsyncSink
        // drains into it, and a sink already shut down may drop what arrives.
        let wrapped = Set(sinks.compactMap { ($0 as? AsyncSink).map { ObjectIdentifier($0.wrapped) } })
        func isWrapped(_ sink: any LogSink) -> Bool { wrapped.contains(ObjectIdentifier(sink)) }
        let ordered = sinks.filter { !isWrapped($0) } + sinks.filter(isWrapped)
        return run(sinks: ordered, timeout: timeout) { hierarchy.writePendingSummaries() }
    }

    /// Runs `action`, then shuts `sinks` down, all within `timeout`. The action may log, shares
    /// the deadline and must tolerate running more than once.
    @discardableResult
    package static func run(
        sinks: [any LogSink], timeout: Duration, before action: @escaping @Sendable () -> Void
    ) -> Bool {
        let deadline = ConditionLock.deadline(after: timeout)
        // On a thread of its own (inline when none can be started), waited for until the
        // deadline: an action that blocks must not hold the drain past it.
        if let call = DetachedCall(action) {
            _ = call.take(waitingAtMost: .nanoseconds(max(0, deadline - ConditionLock.now())))
        } else {
            action()
        }
        var complete = true
        for sink in sinks {
            let remaining = Duration.nanoseconds(max(0, deadline - ConditionLock.now()))
            if !sink.shutdown(timeout: remaining) { complete = false }
        }
        return complete
    }

    /// Arranges, once per process, that a normal exit (return from `main`, `exit()`)
    /// drains the shared hierarchy within `timeout` (the latest value wins).
    static func installExitHook(timeout: Duration) {
        let install = exitTimeout.withLock { current -> Bool in
            defer { current = timeout }
            return current == nil
        }
        guard install else { return }
        System.atExit {
            let timeout = LogShutdown.exitTimeout.withLock { $0 } ?? LogConfiguration.defaultShutdownTimeout
            LogShutdown.run(.shared, timeout: timeout)
        }
    }
}
