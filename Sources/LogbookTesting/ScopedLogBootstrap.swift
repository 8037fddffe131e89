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
    let lock = ScopedBootstrapLock.forNested ?? .shared
    await lock.lock()
    defer { lock.unlock() }
    let saved = hierarchy.snapshot()
    defer { hierarchy.restore(saved) }
    hierarchy.reset()
    if let configuration { try hierarchy.bootstrap(configuration) }
    return try await ScopedBootstrapLock.$forNested.withValue(ScopedBootstrapLock()) { try await operation() }
}
