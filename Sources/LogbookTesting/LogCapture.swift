public import Logbook
public import Testing

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

    /// Records a Swift Testing issue at the caller's source location, listing every captured
    /// record so a near miss is visible, unless some record matches every criterion of
    /// ``contains(level:message:logger:fields:)``; returns the first match. Outside a Swift
    /// Testing test (under XCTest) a note goes to standard error instead.
    @discardableResult
    public func expectLogged(
        level: LogLevel? = nil,
        message: String? = nil,
        logger: String? = nil,
        fields: LogFields = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> LogRecord? {
        let query = RecordQuery(level: level, message: message, logger: logger, fields: fields)
        let records = self.records
        if let match = records.first(where: query.matches) { return match }
        report(
            "Expected a record with \(query.description); \(Self.summary(of: records))",
            at: sourceLocation)
        return nil
    }

    /// Records a Swift Testing issue at the caller's source location, listing the matches,
    /// when some captured record matches every criterion given:
    /// `logs.expectNotLogged(level: .error)` checks that nothing failed.
    public func expectNotLogged(
        level: LogLevel? = nil,
        message: String? = nil,
        logger: String? = nil,
        fields: LogFields = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let query = RecordQuery(level: level, message: message, logger: logger, fields: fields)
        let matches = records.filter(query.matches)
        guard !matches.isEmpty else { return }
        report(
            "Expected no record with \(query.description); \(Self.summary(of: matches, matching: true))",
            at: sourceLocation)
    }

    private func report(_ message: String, at sourceLocation: SourceLocation) {
        if Test.current == nil {
            // Not inside a Swift Testing test: Issue.record would be lost silently.
            var note =
                "LogbookTesting: \(sourceLocation): \(message)\n"
                + "(expectLogged reports through Swift Testing; under XCTest assert on LogCapture.contains)\n"
            note.withUTF8 { StreamSink(.standardError).writeLines(UnsafeRawBufferPointer($0)) }
        }
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    /// "captured 2 records:\n  info ...", at most 50 lines.
    private static func summary(of records: [LogRecord], matching: Bool = false) -> String {
        let noun = matching ? "matching" : "captured"
        if records.isEmpty { return "no records were captured" }
        let limit = 50
        var lines = records.prefix(limit).map { "  " + RecordQuery.describe($0) }
        if records.count > limit { lines.append("  ... and \(records.count - limit) more") }
        return "\(noun) \(records.count) record\(records.count == 1 ? "" : "s"):\n" + lines.joined(separator: "\n")
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

/// The criteria of ``LogCapture/contains(level:message:logger:fields:)`` and the
/// expectations: each given criterion must hold; fields are a subset match on typed values.
struct RecordQuery {
    var level: LogLevel?
    var message: String?
    var logger: String?
    var fields: LogFields

    func matches(_ record: LogRecord) -> Bool {
        (level == nil || record.level == level)
            && (message == nil || record.message == message)
            && (logger == nil || record.logger == logger)
            && fields.allSatisfy { key, expected in record.field(key)?.logValue == expected.logValue }
    }

    /// The criteria as written in a failure message: `level=error message="charge failed"`.
    var description: String {
        var parts: [String] = []
        if let level { parts.append("level=\(level)") }
        if let message { parts.append("message=" + quoted(message)) }
        if let logger { parts.append("logger=\(logger)") }
        if !fields.isEmpty { parts.append("fields=" + Self.describe(fields)) }
        return parts.isEmpty ? "any record" : parts.joined(separator: " ")
    }

    /// `error payments: "charge failed" {amount=42, currency="EUR"}`.
    static func describe(_ record: LogRecord) -> String {
        var line = "\(record.level) \(record.logger): " + quoted(record.message)
        let fields = record.mergedFields
        if !fields.isEmpty { line += " " + describe(fields) }
        return line
    }

    static func describe(_ fields: LogFields) -> String {
        "{" + fields.map { "\($0.key)=" + describe($0.value.logValue) }.joined(separator: ", ") + "}"
    }

    /// Values with their type visible: strings quoted, so `42` and `"42"` differ.
    static func describe(_ value: LogValue) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .int, .double, .bool, .null: value.description
        case .array(let values): "[" + values.map(describe).joined(separator: ", ") + "]"
        case .object(let fields): describe(fields)
        }
    }
}
