/// An error that carries a stack trace (Swift errors have none), from a crash reporter, say.
/// ``JSONFormatter`` writes it under ``JSONFormatter/Keys-swift.struct/stackTrace`` (lines joined
/// with `\n`), ``LambdaJSONFormatter`` as the `stackTrace` array Lambda's runtimes write.
public protocol StackTraceProviding: Error {
    /// The frames, outermost last, one line each.
    var stackTrace: [String] { get }
}
