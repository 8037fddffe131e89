/// An error that carries a stack trace, which formatters with a place for one write.
///
/// Swift errors carry no stack trace of their own. Conform an error type that captures
/// one (for example from a crash-reporting library) and ``JSONFormatter`` writes it
/// under ``JSONFormatter/Keys-swift.struct/stackTrace`` (lines joined with `\n`), and
/// ``LambdaJSONFormatter`` as the `stackTrace` array Lambda's runtimes write.
///
/// ```swift
/// struct ParseFailure: Error, StackTraceProviding {
///     var stackTrace: [String]
/// }
/// ```
public protocol StackTraceProviding: Error {
    /// The frames, outermost last, one line each.
    var stackTrace: [String] { get }
}
