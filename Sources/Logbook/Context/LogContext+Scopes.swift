extension LogContext {
    @TaskLocal
    @usableFromInline
    static var taskLocal = LogContext()

    /// The context bound to the current task (empty outside any scope): one task-local lookup.
    @inlinable
    public static var current: LogContext { taskLocal }

    /// Runs `operation` with `fields` bound on top of the current context. Records created inside,
    /// in child tasks too, carry the fields, which override outer scopes' keys. When the operation
    /// returns or throws, the outer context is restored exactly.
    public static func with<Result, Failure: Error>(
        _ fields: LogFields,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try with(current.adding(fields), operation: operation)
    }

    /// Runs `operation` with `context` as the current context, replacing what is bound: to
    /// re-bind a captured context where task-locals are not inherited (see <doc:Context>).
    public static func with<Result, Failure: Error>(
        _ context: LogContext,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        do {
            return try $taskLocal.withValue(context, operation: operation)
        } catch {
            throw error as! Failure  // `withValue` only rethrows what `operation` threw
        }
    }

    /// The async form of binding `fields`, on the caller's executor; cancellation restores the context too.
    public nonisolated(nonsending) static func with<Result, Failure: Error>(
        _ fields: LogFields,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        try await with(current.adding(fields), operation: operation)
    }

    /// The async form of ``with(_:operation:)-8a222``, to re-bind a context in a `Task.detached`.
    public nonisolated(nonsending) static func with<Result, Failure: Error>(
        _ context: LogContext,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        do {
            return try await $taskLocal.withValue(context, operation: operation)
        } catch {
            throw error as! Failure  // `withValue` only rethrows what `operation` threw
        }
    }
}
