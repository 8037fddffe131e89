#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one shutdown routine: ``LogSetup/shutdown(timeout:)``, the exit hook that the first
/// bootstrap of the shared hierarchy installs, and `LogbookService` (swift-service-lifecycle)
/// all end here.
///
/// It runs in two steps:
/// 1. the pre-drain actions (``addPreDrainAction(_:)``), in the order they were added:
///    work that still produces records, such as summaries a sampler holds back, so they
///    reach the sinks before those drain;
/// 2. ``LogSink/shutdown(timeout:)`` on every sink, sharing one deadline.
///
/// Running it twice is harmless: a sink that was shut down returns at once, and records
/// logged afterwards are written directly or counted by each sink.
package enum LogShutdown {

    struct State {
        var exitHookInstalled = false
        /// The deadline the exit hook gives the sinks: the last bootstrap's.
        var exitTimeout: Duration = LogConfiguration.defaultShutdownTimeout
        var preDrainActions: [@Sendable () -> Void] = []
    }

    static let state = LockedState(State())

    /// Adds an action that every shutdown runs first, before any sink drains. Actions
    /// may log; they must not block for long (they share the shutdown's deadline) and
    /// must tolerate running more than once (an explicit shutdown, then exit).
    package static func addPreDrainAction(_ action: @escaping @Sendable () -> Void) {
        state.withLock { $0.preDrainActions.append(action) }
    }

    /// Runs the pre-drain actions (`actions`, or those added with
    /// ``addPreDrainAction(_:)`` when `nil`), then shuts every sink in `sinks` down within
    /// `timeout` in total. Returns whether every sink wrote everything it had accepted in
    /// time.
    @discardableResult
    package static func run(
        sinks: [any LogSink],
        timeout: Duration,
        actions: [@Sendable () -> Void]? = nil
    ) -> Bool {
        for action in actions ?? state.withLock({ $0.preDrainActions }) { action() }
        let deadline = ConditionLock.deadline(after: timeout)
        var complete = true
        for sink in sinks {
            let remaining = Duration.nanoseconds(max(0, deadline - ConditionLock.now()))
            if !sink.shutdown(timeout: remaining) { complete = false }
        }
        return complete
    }

    /// Arranges, once per process, that a normal exit (return from `main`, `exit()`)
    /// drains the shared hierarchy's root sinks within `timeout` (the latest value wins).
    static func installExitHook(timeout: Duration) {
        let install = state.withLock { state -> Bool in
            state.exitTimeout = timeout
            defer { state.exitHookInstalled = true }
            return !state.exitHookInstalled
        }
        if install {
            // Sampling summaries still held back are records too: written before the drain.
            addPreDrainAction { LogSampling.flushPendingSummaries() }
            atexit { LogShutdown.runAtExit() }
        }
    }

    /// The exit hook: the shared hierarchy's current root sinks, the last bootstrap's timeout.
    static func runAtExit() {
        let timeout = state.withLock { $0.exitTimeout }
        run(sinks: LogHierarchy.shared.registry.rootSinks, timeout: timeout)
    }
}

extension LogRegistry {
    /// The root's sinks as configured now.
    var rootSinks: [any LogSink] {
        state.withLock { state in
            guard let root = state.nodes[""] else { return [] }
            return state.configurations[ObjectIdentifier(root)]?.sinks ?? []
        }
    }
}
