import Logbook
import Testing

@Suite("Log levels")
struct LogLevelTests {
    @Test("levels are ordered from trace to critical")
    func ordering() {
        let ordered: [LogLevel] = [.trace, .debug, .info, .notice, .warning, .error, .critical]
        #expect(LogLevel.allCases == ordered)
        #expect(ordered.sorted() == ordered)
        #expect(LogLevel.debug < .warning)
        #expect(!(LogLevel.error < .warning))
    }

    @Test(
        "canonical names and aliases parse in any case",
        arguments: [
            ("trace", LogLevel.trace), ("TRACE", .trace), ("debug", .debug), ("Debug", .debug),
            ("info", .info), ("INFO", .info), ("notice", .notice), ("NOTICE", .notice),
            ("warning", .warning), ("WARN", .warning), ("warn", .warning), ("Warning", .warning),
            ("error", .error), ("ERR", .error), ("err", .error), ("critical", .critical),
            ("FATAL", .critical), ("fatal", .critical), ("crit", .critical), ("  info\n", .info),
        ])
    func parsesSpellings(text: String, expected: LogLevel) throws {
        #expect(try LogLevel(parsing: text) == expected)
    }

    @Test("every canonical name round-trips")
    func roundTrip() throws {
        for level in LogLevel.allCases {
            #expect(try LogLevel(parsing: level.name) == level)
            #expect(try LogLevel(parsing: level.uppercaseName) == level)
        }
    }

    @Test("an unknown level is rejected with its value and the accepted ones")
    func rejectsVerbose() {
        #expect {
            try LogLevel(parsing: "verbose")
        } throws: { error in
            guard let error = error as? LogLevelParseError else { return false }
            let message = error.description
            return error.value == "verbose" && message.contains("\"verbose\"")
                && LogLevel.allCases.allSatisfy { message.contains($0.name) } && message.contains("warn")
                && message.contains("fatal")
        }
    }

    @Test("every alias of another logging system parses, and the error lists them all, in order")
    func aliasesAndTheirListing() throws {
        let aliases: [(String, LogLevel)] = [
            ("trc", .trace), ("dbg", .debug), ("inf", .info), ("information", .info), ("warn", .warning),
            ("err", .error), ("crit", .critical), ("fatal", .critical), ("emerg", .critical), ("alert", .critical),
        ]
        for (alias, level) in aliases {
            #expect(try LogLevel(parsing: alias.uppercased()) == level, "\(alias)")
        }
        let expected =
            #"invalid log level "verbose"; expected one of: trace, debug, info, notice, warning, error, critical"#
            + " (aliases: trc, dbg, inf, information, warn, err, crit, fatal, emerg, alert)"
        #expect(LogLevelParseError(value: "verbose").description == expected)
    }

    @Test("empty and near-miss spellings are rejected", arguments: ["", " ", "warnings", "inf0", "5", "debug info"])
    func rejectsNearMisses(text: String) {
        #expect(throws: LogLevelParseError(value: text)) { try LogLevel(parsing: text) }
    }

    @Test("a control character in a rejected value is written as an escape, not raw")
    func rejectedValueWithControlCharacters() {
        let description = LogLevelParseError(value: "de\u{1}bug\u{7F}\u{1B}[2J").description
        #expect(description.hasPrefix(#"invalid log level "de\u{1}bug\u{7f}\u{1b}[2J"; expected one of: "#))
    }
}
