import Logbook

/// The request id of the examples in Lambda's documentation.
let fixedRequestID = "79b4f56e-95b1-4643-9700-2807f4e68189"
/// An X-Ray trace id.
let fixedTraceID = "1-5759e988-bd862e3fe1be46a994272793"

/// An error with a fixed description, for golden lines.
struct ChargeError: Error, CustomStringConvertible {
    var description: String { "card declined" }
}

/// An error that carries a stack trace.
struct TracedError: Error, CustomStringConvertible, StackTraceProviding {
    var description: String { "parse failed" }
    var stackTrace: [String] { ["Parser.parse() at Parser.swift:10", "Handler.handle() at Handler.swift:3"] }
}

/// A record at the fixed instant from logger `orders`.
func fixedRecord(
    _ level: LogLevel = .info,
    _ message: String = "Hello from Lambda!",
    fields: LogFields = [:],
    context: LogContext = LogContext(),
    error: (any Error)? = nil,
    logger: String = "orders"
) -> LogRecord {
    LogRecord(
        timestamp: fixedTimestamp, level: level, logger: logger, message: message, fields: fields,
        context: context, error: error, file: "Orders/Handler.swift", function: "handle(_:)", line: 42)
}

/// The context a Lambda invocation binds.
func invocationContext(requestID: String = fixedRequestID, traceID: String? = fixedTraceID) -> LogContext {
    LogContext(LambdaInvocation(requestID: requestID, traceID: traceID).fields)
}
