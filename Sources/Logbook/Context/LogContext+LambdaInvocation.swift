extension LogContext {
    /// Runs one Lambda invocation's handler with the invocation bound: its request id,
    /// trace id and cold-start flag (see ``LambdaInvocation/fields``) on top of the
    /// current context.
    ///
    /// Every record created inside, by any logger and in child tasks, carries them, and
    /// the Lambda formatters write them where Lambda's runtimes do. When the operation
    /// returns or throws, the context is restored exactly, so neither the invocation nor
    /// anything the handler bound inside it can reach the next invocation.
    ///
    /// ```swift
    /// LogContext.withLambdaInvocation(LambdaInvocation(requestID: requestID)) {
    ///     handle(event)
    /// }
    /// ```
    public static func withLambdaInvocation<Result, Failure: Error>(
        _ invocation: LambdaInvocation,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try with(invocation.fields, operation: operation)
    }

    /// Runs one Lambda invocation's async handler with the invocation bound; see
    /// ``withLambdaInvocation(_:operation:)-2zuw``, and ``LambdaInvocation`` for an example.
    public nonisolated(nonsending) static func withLambdaInvocation<Result, Failure: Error>(
        _ invocation: LambdaInvocation,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        try await with(invocation.fields, operation: operation)
    }
}
