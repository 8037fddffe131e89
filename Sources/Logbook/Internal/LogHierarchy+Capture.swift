extension LogHierarchy {
    /// Runs `operation` with `sink` bound as a capture in the current task tree: every
    /// record created inside, by any logger of any hierarchy, reaches `sink` when its
    /// level is at or above the sink's level, in addition to wherever the hierarchy sends
    /// it. While the capture is open this hierarchy creates records down to that level
    /// even where its own levels and sinks would not (they still keep such records from
    /// their sinks), so the capture sees what the code logs whatever the configuration.
    ///
    /// Child tasks inherit the capture like context fields; a context captured inside and
    /// re-bound elsewhere (a `Task.detached`) carries it too until the operation returns.
    package func withCapture<Result, Failure: Error>(
        _ sink: any LogSink,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let context = openCapture(sink)
        defer { closeCapture(context.tap!) }
        return try LogContext.with(context, operation: operation)
    }

    /// Runs the async `operation` with `sink` bound as a capture in the current task tree;
    /// see the synchronous `withCapture(_:operation:)`.
    package nonisolated(nonsending) func withCapture<Result, Failure: Error>(
        _ sink: any LogSink,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let context = openCapture(sink)
        defer { closeCapture(context.tap!) }
        return try await LogContext.with(context, operation: operation)
    }

    /// Registers a capture at `sink`'s level and returns the current context with it bound.
    private func openCapture(_ sink: any LogSink) -> LogContext {
        let current = LogContext.current
        let tap = LogTap(sink, parent: current.tap)
        registry.updateAll { $0.openCaptures[Int(tap.level.rawValue)] += 1 }
        return current.capturing(tap)
    }

    private func closeCapture(_ tap: LogTap) {
        tap.close()
        registry.updateAll { $0.openCaptures[Int(tap.level.rawValue)] -= 1 }
    }
}
