extension LogContext {
    /// Runs one Lambda invocation's handler with its ``LambdaInvocation/fields`` bound on top of
    /// the current context, as ``with(_:operation:)-3fvvr`` binds fields (<doc:Lambda>).
    public static func withLambdaInvocation<Result, Failure: Error>(
        _ invocation: LambdaInvocation,
        operation: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try with(invocation.fields, operation: operation)
    }

    /// The async form of ``withLambdaInvocation(_:operation:)-2zuw``; see ``LambdaInvocation``.
    public nonisolated(nonsending) static func withLambdaInvocation<Result, Failure: Error>(
        _ invocation: LambdaInvocation,
        operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        try await with(invocation.fields, operation: operation)
    }
}
