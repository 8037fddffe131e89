import Logbook
import Testing

/// Golden lines for logfmt, with the quoting and escaping edge cases.
@Suite struct LogfmtFormatterTests {
    let formatter = LogfmtFormatter()
    let head = "time=2024-08-06T11:54:56.789Z level=info logger=payments"

    func line(_ message: String = "ok", _ fields: LogFields = [:], error: (any Error)? = nil) -> String {
        formatter.format(fixedRecord(.info, message, fields: fields, error: error, logger: "payments"))
    }

    @Test func theHeaderComesFirstInItsFixedOrder() {
        #expect(
            line("charge created", ["amount": 42, "currency": "EUR"])
                == head + " msg=\"charge created\" amount=42 currency=EUR")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", #""""#),
        ("two words", #""two words""#),
        ("a=b", #""a=b""#),
        (#"say "hi""#, #""say \"hi\"""#),
        (#"C:\dir"#, #"C:\dir"#),
        (#"C:\my dir"#, #""C:\\my dir""#),
        ("line one\nline two", #""line one\nline two""#),
        ("cr\rtab\t", #""cr\rtab\t""#),
        ("\u{1B}[31mred", #""\u001b[31mred""#),
        ("del\u{7F}", #""del\u007f""#),
        ("nul\u{0}", #""nul\u0000""#),
        ("Zürich🌍", "Zürich🌍"),
        ("Zürich 🌍 café", #""Zürich 🌍 café""#),
    ])
    func valuesAreQuotedOnlyWhenNeeded(value: String, written: String) {
        #expect(line("m", ["v": value]) == head + " msg=m v=" + written)
    }

    /// Long values are checked eight bytes at a time: every byte that forces quotes, at
    /// every position of a 20-byte value, next to plain and non-ASCII text.
    @Test func longValuesAreQuotedWhereverTheByteIs() {
        for special in [" ", "=", "\"", "\u{7F}", "\t", "\u{85}", "\u{2028}", "é", "a"] {
            for position in 0..<20 {
                var value = String(repeating: "x", count: 20)
                value.replaceSubrange(value.index(value.startIndex, offsetBy: position)..., with: special + "yz")
                let quoted = !(special == "é" || special == "a")
                #expect(line(value).hasPrefix(head + " msg=\"") == quoted, "\(special) at \(position)")
            }
        }
    }

    @Test func theMessageFollowsTheSameRules() {
        #expect(line("") == head + #" msg="""#)
        #expect(line("multi\nline \"quoted\"") == head + #" msg="multi\nline \"quoted\"""#)
    }

    @Test(arguments: [
        ("user name", "user_name"),
        ("a=b", "a_b"),
        (#"say"hi"#, "say_hi"),
        ("tab\there", "tab_here"),
        ("new\nline", "new_line"),
        ("", "_"),
        ("ünïcode.key", "ünïcode.key"),
    ])
    func keysNeverContainSpaceEqualsOrQuote(key: String, written: String) {
        #expect(line("m", [key: 1]) == head + " msg=m \(written)=1")
    }

    @Test func scalarsAreLiterals() {
        #expect(
            line("m", ["int": -7, "double": 0.5, "yes": true, "no": false, "none": LogValue.null])
                == head + " msg=m int=-7 double=0.5 yes=true no=false none=null")
        #expect(
            line("m", ["nan": Double.nan, "inf": Double.infinity, "ninf": -Double.infinity])
                == head + " msg=m nan=nan inf=inf ninf=-inf")
    }

    @Test func nestedValuesAreFlattenedWithDottedKeys() {
        let user: LogValue = ["id": 7, "name": "ada lovelace", "roles": ["admin", "ops"]]
        #expect(
            line("m", ["user": user, "empty": [:] as LogFields, "none": [] as [String]])
                == head
                + " msg=m user.id=7 user.name=\"ada lovelace\" user.roles.0=admin user.roles.1=ops empty={} none=[]")
    }

    @Test func nestingPastTheLimitIsMarked() {
        let shallow = LogfmtFormatter(maximumDepth: 1)
        let deep: LogValue = ["a": ["b": 1] as LogValue]
        #expect(
            shallow.format(fixedRecord(.info, "m", fields: ["x": deep], logger: "payments"))
                == head + #" msg=m x.a="[too deep]""#)
    }

    @Test("empty arrays and objects at the depth limit are marked too; below it they are [] and {}")
    func emptiesAtTheDepthLimit() {
        let value: LogValue = ["a": [] as [String], "o": [:] as LogFields, "n": 1, "s": "[too deep]"]
        let fields: LogFields = ["x": value, "e": [] as [String], "m": [:] as LogFields]
        let record = fixedRecord(.info, "m", fields: fields, logger: "payments")
        #expect(
            LogfmtFormatter(maximumDepth: 1).format(record)
                == head + #" msg=m x.a="[too deep]" x.o="[too deep]" x.n=1 x.s="[too deep]" e=[] m={}"#)
        #expect(
            LogfmtFormatter(maximumDepth: 0).format(record)
                == head + #" msg=m x="[too deep]" e="[too deep]" m="[too deep]""#)
    }

    @Test func anErrorFollowsTheMessage() {
        #expect(
            line("failed", ["order": 1], error: ChargeError())
                == head + #" msg=failed error.type=LogbookTests.ChargeError error.message="card declined" order=1"#)
    }

    @Test func fieldsNamedLikeTheFormattersKeysAreRenamed() {
        #expect(
            line("m", ["time": "t", "level": "l", "logger": "g", "msg": "x", "error": "e"])
                == head + " msg=m fields.time=t fields.level=l fields.logger=g fields.msg=x fields.error=e")
        #expect(
            line("m", ["msg": "x", "fields.msg": "y"])
                == head + " msg=m fields.fields.msg=x fields.msg=y")
    }

    @Test func aFlattenedKeyNeverRepeatsAFieldsKey() {
        let user: LogValue = ["id": 7]
        #expect(line("m", ["user": user, "user.id": 8]) == head + " msg=m user.id=7 fields.user.id=8")
        #expect(line("m", ["user.id": 8, "user": user]) == head + " msg=m user.id=8 fields.user.id=7")
        #expect(
            line("m", ["tags": ["a"], "tags.0": "b", "fields.tags.0": "c"])
                == head + " msg=m tags.0=a fields.tags.0=b fields.fields.tags.0=c")
    }

    @Test func aCleanedUpKeyNeverRepeatsAFieldsKey() {
        #expect(line("m", ["a b": 1, "a_b": 2]) == head + " msg=m a_b=1 fields.a_b=2")
        #expect(line("m", ["a_b": 2, "a=b": 1]) == head + " msg=m a_b=2 fields.a_b=1")
        #expect(line("m", ["": 1, "_": 2]) == head + " msg=m _=1 fields._=2")
    }

    @Test func aRenamedReservedKeyNeverRepeatsAFlattenedOne() {
        let nested: LogValue = ["msg": "y"]
        #expect(line("m", ["msg": "x", "fields": nested]) == head + " msg=m fields.msg=x fields.fields.msg=y")
    }

    @Test func aContextObjectNeverRepeatsACallSiteKey() {
        let record = fixedRecord(
            .info, "m", fields: ["user.id": 8], context: LogContext(["user": ["id": 7] as LogValue]),
            logger: "payments")
        #expect(formatter.format(record) == head + " msg=m user.id=8 fields.user.id=7")
    }

    @Test func everyKeyInALineIsUniqueAndNoValueIsLost() {
        // Every combination of keys that clean up or flatten into the same text.
        let spellings: [(String, LogValue)] = [
            ("a.b", 1), ("a b", 2), ("a", ["b": 3, "b c": 4] as LogValue), ("a_b", 5), ("a=b", 6),
            ("a.b_c", 7), ("fields.a.b", 8), ("msg", 9), ("fields", ["msg": 10] as LogValue),
        ]
        for mask in 1..<(1 << spellings.count) {
            var fields: LogFields = [:]
            var leaves = 0
            for (index, spelling) in spellings.enumerated() where mask & (1 << index) != 0 {
                fields[spelling.0] = spelling.1
                if case .object(let members) = spelling.1 { leaves += members.count } else { leaves += 1 }
            }
            let pairs = line("m", fields).split(separator: " ").dropFirst(4)
            let keys = pairs.map { $0.prefix { $0 != "=" } }
            #expect(Set(keys).count == keys.count, "\(fields)")
            #expect(keys.count == leaves, "\(fields)")
        }
    }

    @Test func contextFieldsFollowCallSiteFields() {
        let record = fixedRecord(
            .warning, "slow", fields: ["ms": 1200], context: LogContext(["request_id": "r-42"]), logger: "payments")
        #expect(
            formatter.format(record)
                == "time=2024-08-06T11:54:56.789Z level=warning logger=payments msg=slow ms=1200 request_id=r-42")
    }

    @Test func theSourceLocationIsOptIn() {
        let withSource = LogfmtFormatter(includesSourceLocation: true)
        #expect(
            withSource.format(fixedRecord(.info, "m", logger: "payments"))
                == head + " msg=m source=Orders/Handler.swift:42")
    }

    @Test(arguments: LogLevel.allCases)
    func levelsAreLowercaseNames(level: LogLevel) {
        #expect(formatter.format(fixedRecord(level, "m")).contains(" level=\(level.name) "))
    }
}
