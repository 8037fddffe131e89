extension LogContext {
    /// Runs `operation` with every logger's level lowered to `level` for the records created
    /// inside it and in the child tasks it awaits, and nowhere else (<doc:Context>). The override
    /// only lowers, the innermost one wins, sinks' own levels and filters still apply, and it ends
    /// with the call. With no override active anywhere, a disabled call costs one atomic load as always.
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

    /// Runs `operation` with `sink` bound as a test capture (a ``LevelOverride`` with a sink) of the
    /// records created inside.
    package static func with<Result, Failure: Error>(
        capturing sink: any LogSink,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let slot = DispatchPlan.Slot(sink)
        let tap = LevelOverride(slot.level, capture: slot, parent: current.tap?.innermostOpen)
        defer { tap.close() }
        return try with(current.pushing(LogFields(), tap: tap), operation: operation)
    }

    /// The async form of `with(capturing:operation:)`.
    package nonisolated(nonsending) static func with<Result, Failure: Error>(
        capturing sink: any LogSink,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let slot = DispatchPlan.Slot(sink)
        let tap = LevelOverride(slot.level, capture: slot, parent: current.tap?.innermostOpen)
        defer { tap.close() }
        return try await with(current.pushing(LogFields(), tap: tap), operation: operation)
    }
}
