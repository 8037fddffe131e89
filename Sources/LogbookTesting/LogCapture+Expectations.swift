public import Logbook
public import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension LogCapture {
    /// Records a Swift Testing issue at the caller's source location unless some captured
    /// record matches every criterion given; returns the first match.
    ///
    /// ```swift
    /// logs.expectLogged(level: .error, message: "charge failed", fields: ["amount": 42])
    /// ```
    ///
    /// The issue lists every captured record, so a near miss (a different level, a
    /// field typed `"42"` instead of `42`) is visible. Criteria are those of
    /// ``contains(level:message:logger:fields:)``. Outside a Swift Testing test (in
    /// XCTest, for example) Swift Testing cannot report the issue, so a note goes to
    /// standard error; assert on ``contains(level:message:logger:fields:)`` there instead.
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

    /// Records a Swift Testing issue at the caller's source location when some captured
    /// record matches every criterion given.
    ///
    /// ```swift
    /// logs.expectNotLogged(level: .error)   // nothing failed
    /// ```
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
            note.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
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
