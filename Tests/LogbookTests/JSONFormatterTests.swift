import Foundation
import Logbook
import Testing

@Suite("JSON formatter")
struct JSONFormatterTests {
    let formatter = JSONFormatter()

    @Test("keys come in the documented order with typed values")
    func golden() {
        let record = makeRecord(fields: ["amount": 42, "currency": "EUR", "captured": true, "ratio": 0.25])
        #expect(
            formatter.format(record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"payments","#
                + #""message":"charge created","amount":42,"currency":"EUR","captured":true,"ratio":0.25}"#)
    }

    @Test("every level is written in lowercase")
    func levels() {
        for level in LogLevel.allCases {
            let object = JSONCheck.object(formatter.format(makeRecord(level: level)))
            #expect(object?["level"] as? String == level.name)
        }
    }

    @Test("nested arrays and objects keep their types and order; null is null")
    func nested() {
        let record = makeRecord(fields: [
            "tags": ["a", "b"], "user": ["id": 7, "name": "ada"] as LogValue, "none": LogValue.null,
            "mixed": [1, "two", 3.5, false] as LogValue,
        ])
        #expect(
            formatter.format(record).hasSuffix(
                #""tags":["a","b"],"user":{"id":7,"name":"ada"},"none":null,"mixed":[1,"two",3.5,false]}"#))
    }

    @Test("quotes, backslashes and every control character are escaped")
    func escaping() throws {
        var control = ""
        for value in 0..<0x20 { control.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        let record = makeRecord(message: "say \"hi\" \\ \(control)", fields: ["k\"ey": "line1\nline2\u{2028}\u{2029}😀"])
        let line = formatter.format(record)
        #expect(
            line.contains(#""message":"say \"hi\" \\ \u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r"#)
        )
        #expect(line.contains(#"\u001e\u001f""#))
        #expect(line.contains(#""k\"ey":"line1\nline2\u2028\u2029😀""#))
        #expect(!line.utf8.contains { $0 < 0x20 })
        let object = try #require(JSONCheck.object(line))
        #expect(object["message"] as? String == record.message)
        #expect(object["k\"ey"] as? String == "line1\nline2\u{2028}\u{2029}😀")
    }

    @Test("NaN and the infinities are strings; other doubles stay numbers")
    func nonFiniteDoubles() throws {
        let record = makeRecord(fields: [
            "nan": Double.nan, "inf": Double.infinity, "ninf": -Double.infinity, "big": 1e300,
            "tiny": Double.leastNonzeroMagnitude,
            "negzero": -0.0,
        ])
        let line = formatter.format(record)
        #expect(line.contains(#""nan":"NaN","inf":"Infinity","ninf":"-Infinity""#))
        let object = try #require(JSONCheck.object(line))
        #expect(object["big"] as? Double == 1e300)
        #expect(object["tiny"] as? Double == Double.leastNonzeroMagnitude)
    }

    @Test("fields named like the formatter's keys never produce duplicate keys")
    func reservedKeys() throws {
        let record = makeRecord(fields: [
            "level": "field", "message": "field", "timestamp": "field", "logger": "field", "fields.level": "taken",
        ])
        let line = formatter.format(record)
        #expect(
            line.hasSuffix(
                #""fields.fields.level":"field","fields.message":"field","fields.timestamp":"field","#
                    + #""fields.logger":"field","fields.level":"taken"}"#))
        let verdict = try JSONCheck.python([line])
        #expect(verdict.errors == [nil])
        #expect(Set(verdict.keys[0]).count == verdict.keys[0].count)
        #expect(verdict.keys[0].prefix(4) == ["timestamp", "level", "logger", "message"])
    }

    @Test("keys can be renamed, and a renamed-away key is free for fields")
    func renamedKeys() throws {
        let renamed = JSONFormatter(
            keys: .init(timestamp: "time", level: "severity", message: "msg"), levelNames: .uppercase)
        let line = renamed.format(makeRecord(level: .warning, fields: ["level": 3]))
        #expect(
            line
                == #"{"time":"2024-08-06T11:54:56.789Z","severity":"WARNING","logger":"payments","msg":"charge created","level":3}"#
        )
    }

    @Test("header keys short or long, ASCII or not, the level first or after another member")
    func headerKeyForms() {
        let record = makeRecord(level: .notice, fields: ["n": 1])
        let levelFirst = JSONFormatter(keys: .init(level: "niveau_é"), headerOrder: [.level, .message])
        #expect(levelFirst.format(record) == #"{"niveau_é":"notice","message":"charge created","n":1}"#)
        let long = JSONFormatter(
            keys: .init(logger: "a_logger_key_longer_than_fifteen", message: "m"),
            headerOrder: [.message, .level, .logger])
        #expect(
            long.format(record)
                == #"{"m":"charge created","level":"notice","a_logger_key_longer_than_fifteen":"payments","n":1}"#)
    }

    @Test("every header order, level key and level name: the level's key written with its name, one comma each")
    func headerOrdersWithLevelKeysAndNames() {
        let custom = LogLevelNames(
            trace: "T", debug: "dbg", info: "informational-long", notice: "nötice", warning: #"w"q"#, error: "E",
            critical: "CRIT")
        let encodedCustom = ["T", "dbg", "informational-long", "nötice", #"w\"q"#, "E", "CRIT"]
        let members: [JSONFormatter.HeaderMember] = [.timestamp, .level, .logger, .message]
        var orders: [[JSONFormatter.HeaderMember]] = [[]]
        for _ in members {
            orders = orders.flatMap { order in members.filter { !order.contains($0) }.map { order + [$0] } }
        }
        for levelKey in ["level", "lvl_é", "a_level_key_longer_than_fifteen"] {
            let nameSets = [(LogLevelNames.lowercase, LogLevel.allCases.map(\.name)), (custom, encodedCustom)]
            for (names, encodedNames) in nameSets {
                for order in orders {
                    let formatter = JSONFormatter(keys: .init(level: levelKey), headerOrder: order, levelNames: names)
                    for level in LogLevel.allCases {
                        let parts = order.map { member in
                            switch member {
                            case .timestamp: #""timestamp":"2024-08-06T11:54:56.789Z""#
                            case .level: #"""# + levelKey + #"":""# + encodedNames[Int(level.rawValue)] + #"""#
                            case .logger: #""logger":"payments""#
                            case .message: #""message":"charge created""#
                            }
                        }
                        let expected = "{" + parts.joined(separator: ",") + #","n":1}"#
                        #expect(formatter.format(makeRecord(level: level, fields: ["n": 1])) == expected, "\(order)")
                    }
                }
            }
        }
    }

    @Test("a very long level key raises the line-limit floor once, as a header key does, not once per level")
    func longLevelKeyCountedOnceInTheFloor() {
        let long = String(repeating: "k", count: 2_000)
        let longLevel = JSONFormatter(keys: .init(level: long, logger: "lg"), lineLimit: 0)
        let longLogger = JSONFormatter(keys: .init(level: "lg", logger: long), lineLimit: 0)
        #expect(longLevel.lineLimit > 2_000, "the floor holds the key")
        #expect(longLevel.lineLimit == longLogger.lineLimit)
        let line = longLevel.format(makeRecord(message: String(repeating: "m", count: 5_000)))
        #expect(line.utf8.count <= longLevel.lineLimit)
        #expect(line.contains(#"""# + long + #"":"info""#))
    }

    @Test("an error becomes an object with its type and description")
    func error() {
        let line = formatter.format(makeRecord(level: .error, message: "charge failed", error: GatewayError()))
        #expect(
            line.contains(
                #""message":"charge failed","error":{"type":"LogbookTests.GatewayError","message":"card declined"}"#))
    }

    @Test("static fields are written, and a record field with the same key wins")
    func staticFields() throws {
        let withStatic = JSONFormatter(staticFields: ["service": "checkout", "env": "prod"])
        let line = withStatic.format(makeRecord(fields: ["env": "staging"]))
        #expect(line.hasSuffix(#""message":"charge created","service":"checkout","env":"staging"}"#))
    }

    @Test("the source location is written on request")
    func sourceLocation() {
        let line = JSONFormatter(includesSourceLocation: true).format(makeRecord())
        #expect(line.hasSuffix(#","source":{"file":"Payments/Gateway.swift","function":"charge(_:)","line":42}}"#))
    }

    @Test("context fields are top-level by default and nested under contextKey on request")
    func context() {
        let context = LogContext(["request_id": "r-42", "user_id": "u-7"])
        let record = makeRecord(fields: ["amount": 1, "user_id": "call-site"], context: context)
        #expect(formatter.format(record).hasSuffix(#""amount":1,"user_id":"call-site","request_id":"r-42"}"#))
        let nested = JSONFormatter(contextKey: "context").format(record)
        #expect(nested.hasSuffix(#""amount":1,"user_id":"call-site","context":{"request_id":"r-42"}}"#))
        let overridden = makeRecord(fields: ["request_id": "call-site"], context: LogContext(["request_id": "r-42"]))
        #expect(
            JSONFormatter(contextKey: "context").format(overridden).hasSuffix(
                #""message":"charge created","request_id":"call-site"}"#))
    }

    @Test("a 1 MiB message is truncated to the line cap, marked, and stays valid")
    func lineCap() throws {
        let message = String(repeating: "x", count: 1 << 20)
        let line = formatter.format(makeRecord(message: message, fields: ["amount": 42]))
        #expect(line.utf8.count <= 16 * 1024)
        #expect(line.utf8.count > 15 * 1024)
        let object = try #require(JSONCheck.object(line))
        let written = try #require(object["message"] as? String)
        #expect(written.hasSuffix("…[truncated 1048576 bytes]"))
        #expect(written.hasPrefix("xxxx"))
        #expect(object["amount"] as? Int == 42)
    }

    @Test("truncation never splits a multi-byte character or an escape")
    func truncationBoundaries() throws {
        // Raw bytes, not Strings: decoding into a String would repair a split character.
        var bytes = Data()
        // Varying the limit moves the cut across every byte of each multi-byte character.
        for lineLimit in 1024..<1032 {
            let formatter = JSONFormatter(lineLimit: lineLimit)
            for filler in ["é", "😀", "€", "\n", "\"", "a\u{1}"] {
                for count in [300, 397, 600] {
                    var buffer = LogBuffer()
                    formatter.format(makeRecord(message: String(repeating: filler, count: count)), into: &buffer)
                    #expect(buffer.count <= lineLimit)
                    bytes.append(contentsOf: buffer.bytes)
                    bytes.append(0x0A)
                }
            }
        }
        let verdict = try JSONCheck.python(bytes: bytes)
        #expect(verdict.errors.count == 8 * 6 * 3)
        #expect(verdict.errors.allSatisfy { $0 == nil }, "\(verdict.errors.compactMap { $0 })")
    }

    @Test("a cut message fills its room but for less than one escape or character")
    func truncationKeepsAllThatFits() {
        // The message's room is the cap less the rest of the line and a 96-byte reserve; an
        // escape or character that would cross it is left out whole: at most 5 bytes unused.
        for lineLimit in 1024..<1040 {
            let formatter = JSONFormatter(lineLimit: lineLimit)
            for filler in ["é", "😀", "\u{2028}x", "\n", "\"", "a\u{1}", "\u{7F}\u{85}"] {
                let line = formatter.format(makeRecord(message: String(repeating: filler, count: 600)))
                #expect((lineLimit - 101...lineLimit - 96).contains(line.utf8.count), "\(filler.debugDescription)")
            }
        }
    }

    @Test("fields too large for the line are left out and counted")
    func oversizedFields() throws {
        let huge = String(repeating: "y", count: 40_000)
        let line = formatter.format(makeRecord(fields: ["small": 1, "huge": huge, "after": "kept"]))
        #expect(line.utf8.count <= 16 * 1024)
        let object = try #require(JSONCheck.object(line))
        #expect(object["small"] as? Int == 1)
        #expect(object["after"] as? String == "kept")
        #expect(object["huge"] == nil)
        #expect(object["logbook.dropped_fields"] as? Int == 1)
    }

    @Test("nesting 1,000 deep is capped and stays valid")
    func deepNesting() throws {
        var value: LogValue = "bottom"
        for depth in 0..<1_000 {
            value = depth.isMultiple(of: 2) ? .array([value]) : ["d": value]
        }
        let line = formatter.format(makeRecord(fields: ["deep": value]))
        #expect(line.contains(#""[too deep]""#))
        let verdict = try JSONCheck.python([line])
        #expect(verdict.errors == [nil])
    }

    @Test("every line from the hostile inputs parses with Python's json, without duplicate keys")
    func hostileInputsParse() throws {
        var control = ""
        for value in 0..<0x20 { control.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        let invalidUTF8 = String(decoding: [0xFF, 0xC3, 0x28, 0xE2, 0x82, 0xED, 0xA0, 0x80], as: UTF8.self)
        let records = [
            makeRecord(message: "\"quotes\" and \\backslashes\\"),
            makeRecord(message: control, fields: [control: control]),
            makeRecord(message: "\u{2028}\u{2029}", fields: ["emoji": "👩‍👩‍👧‍👦🇪🇺"]),
            makeRecord(message: invalidUTF8, fields: ["bytes": invalidUTF8]),
            makeRecord(message: String(repeating: "m", count: 1 << 20)),
            makeRecord(fields: ["nan": Double.nan, "inf": Double.infinity, "ninf": -Double.infinity]),
            makeRecord(fields: ["level": 1, "message": 2, "timestamp": 3, "logger": 4]),
            makeRecord(
                fields: ["level": 1], boundFields: ["level": 2, "message": 3],
                context: LogContext(["timestamp": 4, "level": 5])),
            makeRecord(error: GatewayError()),
        ]
        let lines = records.map { formatter.format($0) }
        let verdict = try JSONCheck.python(lines)
        #expect(verdict.errors.allSatisfy { $0 == nil }, "\(verdict.errors)")
        for keys in verdict.keys {
            #expect(Set(keys).count == keys.count)
            #expect(keys.prefix(4) == ["timestamp", "level", "logger", "message"])
        }
    }
}
