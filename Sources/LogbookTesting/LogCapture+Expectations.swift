public import Logbook
public import Testing

extension LogCapture {
    /// Records a Swift Testing issue at the caller's source location, listing every captured
    /// record so a near miss is visible, unless some record matches every criterion of
    /// ``contains(level:message:logger:fields:)``; returns the first match. Outside a Swift
    /// Testing test (under XCTest) a note goes to standard error instead: assert on
    /// ``contains(level:message:logger:fields:)`` there.
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
}
