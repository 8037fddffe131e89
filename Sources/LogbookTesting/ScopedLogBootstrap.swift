public import Logbook

/// Runs `operation` with the process-wide logging set up by `configuration`, then puts
/// back exactly what was there before (the Testing guide lists what, and what stays); with
/// `nil` the operation starts from a hierarchy never bootstrapped, so it may call
/// ``Log/bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)``:
///
/// ```swift
/// try await withScopedLogBootstrap {
///     try App.configureLogging()          // calls Log.bootstrap
///     #expect(Log("db.driver").effectiveLevel == .warning)
/// }
/// ```
///
/// Scoped bootstraps run one at a time (a nested one does not wait for the one it runs in),
/// but tests running in parallel see the setup: assert on what your code logged with a
/// ``LogCapture`` unless the suite is `.serialized`.
///
/// - Throws: What ``Log/bootstrap(_:file:line:)-(LogConfiguration,_,_)`` throws for `configuration` (then the
///   operation does not run), or what the operation throws.
public nonisolated(nonsending) func withScopedLogBootstrap<Result>(
    _ configuration: LogConfiguration? = nil,
    operation: nonisolated(nonsending) () async throws -> Result
) async throws -> Result {
    try await withScopedLogBootstrap(configuration, hierarchy: .shared, operation: operation)
}

/// ``withScopedLogBootstrap(_:operation:)`` on `hierarchy` rather than the process-wide one.
package nonisolated(nonsending) func withScopedLogBootstrap<Result>(
    _ configuration: LogConfiguration?,
    hierarchy: LogHierarchy,
    operation: nonisolated(nonsending) () async throws -> Result
) async throws -> Result {
    let lock = ScopedBootstrapLock.current
    await lock.lock()
    defer { lock.unlock() }
    let saved = hierarchy.snapshot()
    defer { hierarchy.restore(saved) }
    hierarchy.reset()
    if let configuration { try hierarchy.bootstrap(configuration) }
    return try await ScopedBootstrapLock.$current.withValue(ScopedBootstrapLock()) { try await operation() }
}

/// Lets one ``withScopedLogBootstrap(_:operation:)`` run at a time, suspending (not
/// blocking) the others, first come first served. Top-level ones take ``current``'s default;
/// each gives the ones nested in it (in child tasks too) a lock of their own as ``current``,
/// so a nested one never waits for the one it runs in, and nested ones side by side do.
final class ScopedBootstrapLock: Sendable {
    @TaskLocal static var current = ScopedBootstrapLock()

    /// `nil` while unlocked; while locked, the tasks waiting for it in arrival order.
    private let waiters = LockedState<[CheckedContinuation<Void, Never>]?>(nil)

    func lock() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = waiters.withLock { waiters in
                if waiters != nil {
                    waiters?.append(continuation)
                    return false
                }
                waiters = []
                return true
            }
            // Resumed outside the lock, as in unlock: resuming calls into an executor.
            if acquired { continuation.resume() }
        }
    }

    func unlock() {
        let next = waiters.withLock { waiters -> CheckedContinuation<Void, Never>? in
            if waiters?.isEmpty ?? true {
                waiters = nil
                return nil
            }
            return waiters?.removeFirst()
        }
        // The lock passes straight to the next waiter, still locked.
        next?.resume()
    }
}
