public import Logbook

/// Collects the records that code run inside `capture(_:)` creates, for
/// assertions in tests that may run in parallel.
///
/// ```swift
/// let logs = LogCapture()
/// await logs.capture { await PaymentGateway().charge(amount: 42, card: .declined) }
/// logs.expectLogged(level: .error, message: "charge failed", fields: ["amount": 42])
/// ```
///
/// The capture is bound to the current task tree, like ``LogContext``: it gets every record
/// created inside the operation or its child tasks, by any logger, down to its `level`
/// whatever the hierarchy's levels, and never another test's. The Testing guide says what
/// is not captured and what it costs.
public final class LogCapture: Sendable, CustomStringConvertible {
    /// The lowest level captured.
    public var level: LogLevel { sink.level }
    private let sink: InMemorySink

    /// Creates an empty capture that keeps records at `level` and above.
    public init(level: LogLevel = .trace) {
        sink = InMemorySink(level: level)
    }

    /// Runs `operation` and keeps every record created inside it at or above ``level``,
    /// adding to the records already captured.
    public func capture<Result, Failure: Error>(_ operation: () throws(Failure) -> Result) throws(Failure) -> Result {
        try LogContext.with(capturing: sink, operation: operation)
    }

    /// Runs the async `operation` and keeps every record created inside it, and in its
    /// child tasks, at or above ``level``.
    public nonisolated(nonsending) func capture<Result, Failure: Error>(
        _ operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        try await LogContext.with(capturing: sink, operation: operation)
    }

    /// Every record captured, in the order they were created.
    public var records: [LogRecord] { sink.records }

    /// The messages of every record captured, in order.
    public var messages: [String] { sink.messages }

    /// The records captured that match every criterion given; see
    /// ``contains(level:message:logger:fields:)``.
    public func records(
        level: LogLevel? = nil,
        message: String? = nil,
        logger: String? = nil,
        fields: LogFields = [:]
    ) -> [LogRecord] {
        let query = RecordQuery(level: level, message: message, logger: logger, fields: fields)
        return records.filter(query.matches)
    }

    /// Whether some captured record matches every criterion given: `level`, `message` and
    /// `logger` (`root` for the root) exactly, each when not `nil`; `fields` must all be on
    /// the record, from any layer (call site, ``Log/with(_:)``, context), with equal typed
    /// values (`42` does not match `42.0` or `"42"`). Under XCTest, assert on it:
    /// `XCTAssertTrue(logs.contains(level: .error), "\(logs)")`.
    public func contains(
        level: LogLevel? = nil,
        message: String? = nil,
        logger: String? = nil,
        fields: LogFields = [:]
    ) -> Bool {
        !records(level: level, message: message, logger: logger, fields: fields).isEmpty
    }

    /// Forgets every record captured so far.
    public func removeAll() {
        sink.removeAll()
    }

    /// One line per captured record: level, logger, message and fields.
    public var description: String {
        let records = self.records
        if records.isEmpty { return "no records captured" }
        return records.map(RecordQuery.describe).joined(separator: "\n")
    }
}
