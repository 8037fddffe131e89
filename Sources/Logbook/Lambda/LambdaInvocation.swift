/// The identity of one AWS Lambda invocation: its request id, X-Ray trace id and whether it is the
/// execution environment's first (a cold start), as the context fields `requestId`, `traceId` and
/// `cold_start`. Bind it for the handler with ``LogContext/withLambdaInvocation(_:operation:)-djzv``;
/// the Lambda formatters write it where Lambda's runtimes do (<doc:Lambda> shows a handler).
public struct LambdaInvocation: Sendable, Hashable {
    static let requestIDKey = "requestId"  // the key of Lambda's JSON format
    static let traceIDKey = "traceId"
    static let coldStartKey = "cold_start"
    /// Where Lambda's runtimes publish each invocation's X-Ray trace header: `_X_AMZN_TRACE_ID`.
    public static let traceHeaderVariable = "_X_AMZN_TRACE_ID"

    /// The invocation's request id (`Lambda-Runtime-Aws-Request-Id`).
    public var requestID: String
    /// The X-Ray trace id, such as `1-5759e988-bd862e3fe1be46a994272793`, or `nil`.
    public var traceID: String?
    /// Whether this is the environment's first invocation; `nil` leaves out the opt-in `cold_start`.
    public var isColdStart: Bool?

    /// Creates an invocation from its parts.
    public init(requestID: String, traceID: String? = nil, isColdStart: Bool? = nil) {
        self.requestID = requestID
        self.traceID = traceID.flatMap { $0.isEmpty ? nil : $0 }
        self.isColdStart = isColdStart
    }

    /// Creates an invocation with the trace id of an X-Ray trace header (`_X_AMZN_TRACE_ID`'s or
    /// `Lambda-Runtime-Trace-Id`'s value, `Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1`).
    public init(requestID: String, traceHeader: String?, isColdStart: Bool? = nil) {
        self.init(
            requestID: requestID, traceID: traceHeader.flatMap(Self.traceID(fromHeader:)), isColdStart: isColdStart)
    }

    /// The invocation with the trace id the runtime published in `_X_AMZN_TRACE_ID`.
    public static func current(requestID: String, isColdStart: Bool? = nil) -> LambdaInvocation {
        LambdaInvocation(
            requestID: requestID, traceHeader: System.environment(traceHeaderVariable), isColdStart: isColdStart)
    }

    /// The value of the header's `Root` part, else the whole header; `nil` when empty.
    package static func traceID(fromHeader header: String) -> String? {
        let root = header.split(separator: ";").lazy.map { $0.drop { $0 == " " } }.first { $0.hasPrefix("Root=") }
        let traceID = root.map { String($0.dropFirst(5)) } ?? header.trimmingSpaces()
        return traceID.isEmpty ? nil : traceID
    }

    /// `requestId`, then `traceId` and `cold_start` when known.
    public var fields: LogFields {
        var fields: LogFields = [Self.requestIDKey: requestID]
        if let traceID { fields[Self.traceIDKey] = traceID }
        if let isColdStart { fields[Self.coldStartKey] = isColdStart }
        return fields
    }
}
