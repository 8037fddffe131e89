#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one shutdown routine, behind ``LogSetup/shutdown(timeout:)``, the exit hook and
/// `LogbookService`: first the pre-drain actions (work that still produces records, such
/// as sampling summaries), then ``LogSink/shutdown(timeout:)`` on every sink, all within
/// one deadline. Running it twice is harmless.
package enum LogShutdown {
    /// The last bootstrap's shutdown timeout; `nil` until the exit hook is installed.
    static let exitTimeout = LockedState<Duration?>(nil)

    /// Runs `actions`, then shuts `sinks` down, all within `timeout`. Actions may log, share
    /// the deadline and must tolerate running more than once. Returns whether every sink
    /// wrote everything it had accepted.
    @discardableResult
    package static func run(sinks: [any LogSink], timeout: Duration, actions: [@Sendable () -> Void]) -> Bool {
        let deadline = ConditionLock.deadline(after: timeout)
        runActions(actions, until: deadline)
        var complete = true
        for sink in sinks {
            let remaining = Duration.nanoseconds(max(0, deadline - ConditionLock.now()))
            if !sink.shutdown(timeout: remaining) { complete = false }
        }
        return complete
    }

    /// Runs `actions` in order on a dedicated thread (inline when none can be started),
    /// waiting for them until `deadline`: one that blocks must not hold the drain past it.
    private static func runActions(_ actions: [@Sendable () -> Void], until deadline: Int64) {
        guard !actions.isEmpty else { return }
        let run: @Sendable () -> Void = { for action in actions { action() } }
        guard let call = DetachedCall.start(run) else { return run() }
        _ = call.take(waitingAtMost: .nanoseconds(max(0, deadline - ConditionLock.now())))
    }

    /// Arranges, once per process, that a normal exit (return from `main`, `exit()`)
    /// drains every sink of the shared hierarchy, as configured then, within `timeout`
    /// (the latest value wins).
    static func installExitHook(timeout: Duration) {
        let install = exitTimeout.withLock { current -> Bool in
            defer { current = timeout }
            return current == nil
        }
        if install { atexit { LogShutdown.runAtExit() } }
    }

    static func runAtExit() {
        let timeout = exitTimeout.withLock { $0 } ?? LogConfiguration.defaultShutdownTimeout
        // Sampling summaries still held back are records too: written before the drain.
        let flush: @Sendable () -> Void = { LogHierarchy.shared.flushPendingSummaries() }
        run(sinks: LogHierarchy.shared.allSinks, timeout: timeout, actions: [flush])
    }
}

extension LogHierarchy {
    /// Every sink attached anywhere in the hierarchy, each once, the root's first.
    var allSinks: [any LogSink] {
        state.withLock { state in
            var seen = Set<ObjectIdentifier>()
            let root = state.configurations[ObjectIdentifier(rootNode)]!
            return (root.sinks + state.configurations.values.flatMap(\.sinks)).filter {
                seen.insert(ObjectIdentifier($0)).inserted
            }
        }
    }
}
