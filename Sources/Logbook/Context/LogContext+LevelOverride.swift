extension LogContext {
    /// Runs `operation` with every logger's level lowered to `level` for the records created
    /// inside it and in the child tasks it awaits, and nowhere else: debug output for one request.
    ///
    /// The override only lowers, the innermost one wins, and sinks' own levels and filters
    /// still apply. It lasts as long as the call, even in a context captured inside and
    /// re-bound elsewhere. While any override is active anywhere, a logging call below its
    /// logger's level pays one task-local read; with none, a disabled call costs one atomic
    /// load as always. See <doc:Context>.
    public static func with<Result, Failure: Error>(
        level: LogLevel,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let override = LevelOverride(level, parent: current.scope?.levelOverride?.innermostOpen)
        defer { override.close() }
        return try with(current.pushing(LogFields(), levelOverride: override), operation: operation)
    }

    /// The async form of ``with(level:operation:)-9oxvr``.
    public nonisolated(nonsending) static func with<Result, Failure: Error>(
        level: LogLevel,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let override = LevelOverride(level, parent: current.scope?.levelOverride?.innermostOpen)
        defer { override.close() }
        return try await with(current.pushing(LogFields(), levelOverride: override), operation: operation)
    }

    /// Runs `operation` with `sink` bound as a test capture (a ``LogTap``): every record created
    /// inside at or above the sink's level reaches it, besides wherever the hierarchy sends it.
    package static func with<Result, Failure: Error>(
        capturing sink: any LogSink,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let tap = LogTap(sink, parent: current.tap?.innermostOpen)
        defer { tap.close() }
        return try with(current.pushing(LogFields(), tap: tap), operation: operation)
    }

    /// The async form of `with(capturing:operation:)`.
    package nonisolated(nonsending) static func with<Result, Failure: Error>(
        capturing sink: any LogSink,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let tap = LogTap(sink, parent: current.tap?.innermostOpen)
        defer { tap.close() }
        return try await with(current.pushing(LogFields(), tap: tap), operation: operation)
    }
}
