extension LogContext {
    @TaskLocal
    @usableFromInline
    static var taskLocal = LogContext()

    /// The context bound to the current task, or the empty context outside any scope; one
    /// task-local lookup. Capture it to re-bind it where task-locals do not reach (see ``LogContext``).
    @inlinable
    public static var current: LogContext { taskLocal }

    /// Runs `operation` with `fields` bound on top of the current context.
    ///
    /// Inside the operation (and in every child task it starts) records carry the
    /// fields; a key already bound by an outer scope is overridden until the operation
    /// returns. When it returns or throws, the outer context is restored exactly.
    public static func with<Result, Failure: Error>(
        _ fields: LogFields,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try with(current.adding(fields), operation: operation)
    }

    /// Runs `operation` with `context` as the current context, replacing what is bound.
    ///
    /// Use it to re-bind a captured context where task-locals are not inherited:
    ///
    /// ```swift
    /// let context = LogContext.current
    /// DispatchQueue.global().async {
    ///     LogContext.with(context) { log.info("on the queue") }
    /// }
    /// ```
    public static func with<Result, Failure: Error>(
        _ context: LogContext,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        do {
            return try $taskLocal.withValue(context, operation: operation)
        } catch {
            // `withValue` only rethrows what `operation` threw, which is a `Failure`.
            throw error as! Failure
        }
    }

    /// Runs the async `operation` with `fields` bound on top of the current context.
    ///
    /// Child tasks created inside inherit the fields. The outer context is restored
    /// exactly when the operation returns, throws or is cancelled. The operation runs on
    /// the caller's executor.
    public nonisolated(nonsending) static func with<Result, Failure: Error>(
        _ fields: LogFields,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        try await with(current.adding(fields), operation: operation)
    }

    /// Runs the async `operation` with `context` as the current context, replacing what
    /// is bound. Use it to re-bind a captured context in a `Task.detached`:
    ///
    /// ```swift
    /// let context = LogContext.current
    /// Task.detached {
    ///     await LogContext.with(context) { await work() }
    /// }
    /// ```
    public nonisolated(nonsending) static func with<Result, Failure: Error>(
        _ context: LogContext,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        do {
            return try await $taskLocal.withValue(context, operation: operation)
        } catch {
            // `withValue` only rethrows what `operation` threw, which is a `Failure`.
            throw error as! Failure
        }
    }
}
