public import Logbook

/// Runs `operation` with the process-wide logging set up by `configuration`, then puts
/// back exactly what was there before: every logger's level, sinks, filters, sampling and
/// propagation, the last resort, the field providers, the redaction rules, and whether
/// bootstrap had happened. What bootstrap did to the process itself stays: `SIGPIPE`
/// ignored, and the exit hook.
///
/// Use it to test code that depends on the process-wide setup, or the application's own
/// setup code: with `nil` the operation starts from a hierarchy that was never
/// bootstrapped, so it may call ``Log/bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)`` itself.
///
/// ```swift
/// @Test func configurationQuietsTheDatabaseDriver() async throws {
///     try await withScopedLogBootstrap {
///         try App.configureLogging()          // calls Log.bootstrap
///         #expect(Log("db.driver").effectiveLevel == .warning)
///     }
/// }
/// ```
///
/// The setup is process-wide for as long as the operation runs: tests running in
/// parallel see it too (their records reach its sinks, its levels apply to them). Scoped
/// bootstraps therefore wait for each other, one at a time, and a nested one does not
/// wait for the one it runs in (nested ones started side by side, in child tasks, wait
/// for each other). Assert on what your own code logged with a
/// ``LogCapture``, which no other test can disturb, rather than on the sinks of a scoped
/// bootstrap, unless the suite is `.serialized`.
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
