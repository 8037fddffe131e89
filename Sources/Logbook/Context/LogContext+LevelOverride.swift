extension LogContext {
    /// Runs `operation` with every logger's level lowered to `level` for the records
    /// created inside it, and in the child tasks it awaits, while it runs, and nowhere
    /// else: debug output for one request, not for the whole process.
    ///
    /// ```swift
    /// LogContext.with(level: .debug) {
    ///     handle(request)   // its debug records are written; other requests' are not
    /// }
    /// ```
    ///
    /// A record created inside at `level` or above reaches the sinks even when its
    /// logger's level would drop it. The override only lowers: a logger whose level is
    /// already below `level` keeps it. Sinks' own levels and filters still apply, so a
    /// sink at ``LogLevel/info`` still takes no debug record. Nested overrides: the
    /// innermost wins. The override lasts as long as the call: a context captured inside
    /// and re-bound elsewhere (a `Task.detached`, a `Task {}` that outlives the call)
    /// carries it only until `operation` returns; records created there afterwards use
    /// the loggers' own levels.
    ///
    /// While any override is active anywhere in the process, a logging call below its
    /// logger's level pays one task-local read to find out whether its task has one; with
    /// none active, a disabled logging call costs what it always does (one atomic load).
    public static func with<Result, Failure: Error>(
        level: LogLevel,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let override = LevelOverride(level, parent: current.scope?.levelOverride?.innermostOpen)
        defer { override.close() }
        return try with(current.binding(levelOverride: override), operation: operation)
    }

    /// Runs the async `operation` with every logger's level lowered to `level` for the
    /// records created inside it and in its child tasks; see the synchronous
    /// ``with(level:operation:)-9oxvr``.
    ///
    /// ```swift
    /// try await LogContext.with(level: .debug) {
    ///     try await next.respond(to: request, context: context)
    /// }
    /// ```
    public nonisolated(nonsending) static func with<Result, Failure: Error>(
        level: LogLevel,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let override = LevelOverride(level, parent: current.scope?.levelOverride?.innermostOpen)
        defer { override.close() }
        return try await with(current.binding(levelOverride: override), operation: operation)
    }

    /// Runs `operation` with `sink` bound as a test capture (a ``LogTap``) in the current
    /// task tree: every record created inside, by any logger, at or above the sink's level
    /// reaches it, whatever the loggers' levels and sinks, in addition to wherever its
    /// hierarchy sends it.
    package static func with<Result, Failure: Error>(
        capturing sink: any LogSink,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let tap = LogTap(sink, parent: current.tap?.innermostOpen)
        defer { tap.close() }
        return try with(current.binding(tap: tap), operation: operation)
    }

    /// Runs the async `operation` with `sink` bound as a test capture in the current task
    /// tree; see the synchronous `with(capturing:operation:)`.
    package nonisolated(nonsending) static func with<Result, Failure: Error>(
        capturing sink: any LogSink,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let tap = LogTap(sink, parent: current.tap?.innermostOpen)
        defer { tap.close() }
        return try await with(current.binding(tap: tap), operation: operation)
    }
}
