/// Formats records as AWS Lambda's advanced logging controls expect with
/// `AWS_LAMBDA_LOG_FORMAT=JSON`: one JSON object per line.
///
/// ```json
/// {"timestamp":"2024-08-06T11:54:56.789Z","level":"INFO","message":"Hello from Lambda!","logger":"orders","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","traceId":"1-66b20e50-4b8f3c2a1d9e7f6a5b4c3d2e","order_id":42}
/// ```
///
/// The Formats guide (<doc:Formats>) gives the members' order; levels are
/// ``LogLevelNames/lambda``, a stack trace (see ``StackTraceProviding``) an array of lines.
/// `requestId` and `traceId` come from the fields bound by
/// ``LogContext/withLambdaInvocation(_:operation:)-djzv``. A ``JSONFormatter`` underneath, with
/// its guarantees: valid JSON, no key twice, a line cap that keeps it valid.
public struct LambdaJSONFormatter: LogFormatter {
    /// The longest line, in bytes without the newline. Default 16 KiB.
    public var lineLimit: Int { json.lineLimit }

    var json: JSONFormatter

    /// Creates a Lambda JSON formatter.
    ///
    /// - Parameters:
    ///   - staticFields: Fields written into every line after `traceId`, such as
    ///     ``LambdaFunction/fields``. A record field with the same key wins.
    ///   - lineLimit: The longest line, in bytes without the newline.
    public init(staticFields: LogFields = [:], lineLimit: Int = 16 * 1024) {
        json = JSONFormatter(
            keys: JSONFormatter.Keys(errorType: "errorType", errorMessage: "errorMessage", stackTrace: "stackTrace"),
            headerOrder: [.timestamp, .level, .message, .logger], levelNames: .lambda, errorLayout: .flattened,
            staticFields: staticFields, lineLimit: lineLimit
        ).with {
            $0.promotedFields = [
                (key: LambdaInvocation.requestIDKey, writesEmptyWhenAbsent: true),
                (key: LambdaInvocation.traceIDKey, writesEmptyWhenAbsent: false),
            ]
            $0.writesStackTraceAsArray = true
        }
    }

    /// This formatter with `fields` added to its static fields.
    public func addingStaticFields(_ fields: LogFields) -> LambdaJSONFormatter {
        var copy = self
        copy.json = json.addingStaticFields(fields)
        return copy
    }

    /// Appends the JSON object for `record`, without a newline.
    public func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        json.format(record, into: &buffer)
    }
}
