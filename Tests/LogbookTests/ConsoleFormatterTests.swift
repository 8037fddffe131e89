import Logbook
import Testing

@Suite("Console formatter")
struct ConsoleFormatterTests {
    let plain = ConsoleFormatter(colors: .never, timestamp: .utc)

    @Test("time, padded level, logger, message, then key=value fields")
    func golden() {
        let record = makeRecord(fields: ["amount": 42, "note": "two words", "empty": "", "eq": "a=b", "q": "say \"x\""])
        #expect(
            plain.format(record)
                == #"2024-08-06T11:54:56.789Z INFO     payments: charge created amount=42 note="two words" empty="" eq="a=b" q="say \"x\"""#
        )
    }

    @Test("nested values are flattened to dotted keys; errors become error fields")
    func nestedAndError() {
        let record = makeRecord(
            level: .error, fields: ["user": ["id": 7, "tags": ["a", "b"]] as LogValue], error: GatewayError())
        #expect(
            plain.format(record)
                == #"2024-08-06T11:54:56.789Z ERROR    payments: charge created user.id=7 user.tags.0=a user.tags.1=b error.type=LogbookTests.GatewayError error.message="card declined""#
        )
    }

    @Test("a field named like the error's keys is moved aside, so no key appears twice")
    func reservedKeys() {
        let record = makeRecord(
            level: .error, fields: ["error.type": "mine"],
            context: LogContext(["error": ["message": "ctx"] as LogValue]),
            error: GatewayError())
        #expect(
            plain.format(record).hasSuffix(
                #"charge created fields.error.type=mine fields.error.message=ctx "#
                    + #"error.type=LogbookTests.GatewayError error.message="card declined""#))
    }

    @Test("a flattened or cleaned-up key that repeats an earlier one is moved aside")
    func flattenedKeys() {
        let record = makeRecord(fields: ["user": ["id": 7] as LogValue, "user.id": 8, "a b": 1, "a_b": 2])
        #expect(plain.format(record).hasSuffix("charge created user.id=7 fields.user.id=8 a_b=1 fields.a_b=2"))
    }

    @Test("control characters in the message are escaped so a record stays one line")
    func oneLine() {
        let line = plain.format(makeRecord(message: "first\nsecond\r\tthird\u{1B}[31m"))
        #expect(line.hasSuffix(#"payments: first\nsecond\r\tthird\u001b[31m"#))
        #expect(!line.utf8.contains { $0 < 0x20 })
    }

    @Test("context fields are written like other fields")
    func context() {
        let line = plain.format(makeRecord(fields: ["a": 1], context: LogContext(["request_id": "r-42"])))
        #expect(line.hasSuffix("charge created a=1 request_id=r-42"))
    }

    @Test("colours are written only when asked for")
    func colors() {
        let colored = ConsoleFormatter(colors: .always, timestamp: .none).format(makeRecord(level: .warning))
        #expect(colored.hasPrefix("\u{1B}[33mWARNING\u{1B}[0m  \u{1B}[1mpayments\u{1B}[0m: charge created"))
        let automatic = ConsoleFormatter(timestamp: .none).format(makeRecord())
        #expect(!automatic.contains("\u{1B}"))
    }

    @Test("coloured field keys are dimmed, whatever the value")
    func coloredKeys() {
        let record = makeRecord(fields: ["a": 1, "s": "x y", "ok": true])
        let line = ConsoleFormatter(colors: .always, timestamp: .none).format(record)
        let (dim, reset) = ("\u{1B}[2m", "\u{1B}[0m")
        #expect(line.hasSuffix(" \(dim)a\(reset)=1 \(dim)s\(reset)=\"x y\" \(dim)ok\(reset)=true"))
    }

    @Test("the error is red when coloured, and the call site comes last as source=File:line")
    func coloredErrorAndSource() {
        let record = makeRecord(level: .error, fields: ["a": 1], error: GatewayError())
        let formatter = ConsoleFormatter(colors: .always, timestamp: .none, includesSourceLocation: true)
        let (red, dim, reset) = ("\u{1B}[31m", "\u{1B}[2m", "\u{1B}[0m")
        #expect(
            formatter.format(record).hasSuffix(
                "charge created \(dim)a\(reset)=1\(red) error.type=LogbookTests.GatewayError "
                    + "error.message=\"card declined\"\(reset) source=Payments/Gateway.swift:42"))
        let plain = ConsoleFormatter(colors: .never, timestamp: .none, includesSourceLocation: true)
        #expect(plain.format(makeRecord()) == "INFO     payments: charge created source=Payments/Gateway.swift:42")
    }

    @Test("automatic colour resolves to colour only on a terminal without NO_COLOR")
    func automaticResolution() {
        let formatter = ConsoleFormatter(timestamp: .none)
        #expect(formatter.colors(forTerminal: true, noColor: nil) == .always)
        #expect(formatter.colors(forTerminal: true, noColor: "") == .always)
        #expect(formatter.colors(forTerminal: true, noColor: "1") == .never)
        #expect(formatter.colors(forTerminal: false, noColor: nil) == .never)
        #expect(ConsoleFormatter(colors: .never).colors(forTerminal: true, noColor: nil) == .never)
        #expect(ConsoleFormatter(colors: .always).colors(forTerminal: false, noColor: "1") == .always)
    }

    @Test("local time is written without a zone designator")
    func localTime() {
        let line = ConsoleFormatter(colors: .never).format(makeRecord())
        let pattern = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.789 INFO     payments: charge created$/
        #expect(line.wholeMatch(of: pattern) != nil)
    }
}
