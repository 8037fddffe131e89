import Logbook
import LogbookTesting
import Synchronization
import Testing

@Suite("Redaction")
struct RedactionTests {
    /// The secrets of the safe-output issue, each a value no formatter may write.
    static let secrets = [
        "pw-hunter2", "Bearer-abc.def", "ak-live-123", "at-eyJhbGci", "sid=cookie-42", "nested-pw-7", "cs-bound-9",
        "static-token-5", "logger-bound-secret-3", "marked-email@example.com",
    ]

    static let formatters: [(String, any LogFormatter)] = [
        ("json", JSONFormatter()),
        ("json+context", JSONFormatter(contextKey: "ctx")),
        ("json+static", JSONFormatter(staticFields: ["service": "shop", "api-key": "static-token-5"])),
        ("ecs", JSONFormatter.elasticCommonSchema(service: "shop")),
        ("gcp", JSONFormatter.googleCloudLogging(service: "shop")),
        ("datadog", JSONFormatter.datadog(service: "shop")),
        ("lambda-json", LambdaJSONFormatter(staticFields: ["service": "shop", "api-key": "static-token-5"])),
        ("logfmt", LogfmtFormatter()),
        ("console", ConsoleFormatter(colors: .always)),
        ("lambda-text", LambdaTextFormatter(staticFields: ["service": "shop", "api-key": "static-token-5"])),
        ("syslog", SyslogFormatter(appName: "shop", hostname: "host", processID: "1")),
    ]

    /// A record logged after a plain bootstrap, carrying secrets at the call site, bound
    /// to the logger, nested and in the task's context, next to ordinary fields.
    static func loggedRecord() throws -> LogRecord {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [sink]))
        let log = hierarchy.logger("shop").with(["Secret": "logger-bound-secret-3", "component": "checkout"])
        LogContext.with(["client_secret": "cs-bound-9", "request_id": "r-42"]) {
            log.info(
                "charged",
                [
                    "password": "pw-hunter2", "Authorization": "Bearer-abc.def", "api_key": "ak-live-123",
                    "access_token": "at-eyJhbGci", "set-cookie": "sid=cookie-42",
                    "user": ["id": 7, "name": "ada", "password": "nested-pw-7"] as LogValue,
                    "email": .sensitive("marked-email@example.com"), "amount": 42, "currency": "EUR",
                ])
        }
        return try #require(sink.records.first)
    }

    @Test("after a plain bootstrap no formatter writes a secret, and neighbouring fields are written")
    func secretsNeverWritten() throws {
        let record = try Self.loggedRecord()
        for (name, formatter) in Self.formatters {
            var buffer = LogBuffer()
            formatter.format(record, into: &buffer)
            let line = buffer.string
            for secret in Self.secrets {
                #expect(!line.contains(secret), "\(name) wrote \(secret): \(line)")
            }
            // Syslog escapes the `]` of a PARAM-VALUE.
            #expect(line.contains("[REDACTED]") || line.contains("[REDACTED\\]"), "\(name): \(line)")
            for ordinary in ["r-42", "EUR", "ada", "checkout"] {
                #expect(line.contains(ordinary), "\(name) lost \(ordinary): \(line)")
            }
        }
    }

    @Test("a redacted key keeps its key; its value becomes the string [REDACTED], nested ones too")
    func keysKept() throws {
        let record = try Self.loggedRecord()
        var buffer = LogBuffer()
        JSONFormatter().format(record, into: &buffer)
        let line = buffer.string
        #expect(line.contains(#""password":"[REDACTED]""#))
        #expect(line.contains(#""Authorization":"[REDACTED]""#))
        #expect(line.contains(#""set-cookie":"[REDACTED]""#))
        #expect(line.contains(#""user":{"id":7,"name":"ada","password":"[REDACTED]"}"#))
        #expect(line.contains(#""client_secret":"[REDACTED]""#))
        #expect(line.contains(#""email":"[REDACTED]""#))
        var logfmt = LogBuffer()
        LogfmtFormatter().format(record, into: &logfmt)
        #expect(logfmt.string.contains(" user.password=[REDACTED]"))
        #expect(logfmt.string.contains(" user.id=7"))
    }

    @Test("a call-site key repeated after redacted ones: each key written once, at its last place, redacted")
    func repeatedKeyAfterRedactedOnes() {
        let fields = LogFields([
            ("password", "pw-hunter2"), ("user", "first"), ("nested", ["password": "nested-pw-7"] as LogValue),
            ("user", "second"),
        ])
        let line = JSONFormatter().format(makeRecord(fields: fields))
        let expected = #""password":"[REDACTED]","nested":{"password":"[REDACTED]"},"user":"second"}"#
        #expect(line.hasSuffix(expected), "\(line)")
    }

    @Test(
        "redacted call-site keys before one the scanning pass gives back (not short ASCII, or past 64 entries)",
        arguments: ["clé", "a_key_longer_than_fifteen_bytes", ""])
    func redactedKeysBeforeATakeBack(laterKey: String) {
        let many = laterKey.isEmpty ? (0..<70).map { ("k\($0)", LogValue.int($0)) } : [(laterKey, LogValue.int(1))]
        let fields = LogFields(
            [("password", "pw-hunter2"), ("nested", ["password": "nested-pw-7"] as LogValue)] + many
                + [("user", "u")])
        let line = JSONFormatter().format(makeRecord(fields: fields))
        let written = many.map { #"""# + $0.0 + #"":"# + $0.1.description }.joined(separator: ",")
        let expected = #""password":"[REDACTED]","nested":{"password":"[REDACTED]"},"# + written + #","user":"u"}"#
        #expect(line.hasSuffix(expected), "\(line)")
        #expect(line.ranges(of: #""password""#).count == 2, "each written once: \(line)")
    }

    @Test("syslog's opentelemetry element writes trace fields redacted, like every other field")
    func syslogTraceElementRedacted() {
        let record = LogRecord(
            level: .info, logger: "shop", message: "m",
            fields: ["trace_id": ["token": "trace-secret-1"] as LogValue, "span_id": "00f067aa0ba902b7"])
        let line = SyslogFormatter(appName: "shop", hostname: "host", processID: "1").format(record)
        #expect(!line.contains("trace-secret-1"), "\(line)")
        #expect(line.contains(#"[opentelemetry trace_id.token="[REDACTED\]""#), "\(line)")
    }

    @Test("a secret nested deeper than the rules search is never written: the deep part becomes [too deep]")
    func deepNestingFailsClosed() {
        var value: LogValue = ["password": "deep-secret-70"]
        for _ in 0..<70 { value = ["level": value] }
        let record = LogRecord(level: .info, logger: "shop", message: "m", fields: ["payload": value])
        let formatters: [any LogFormatter] = [
            JSONFormatter(maximumDepth: 100), LogfmtFormatter(maximumDepth: 100), LambdaJSONFormatter(),
            SyslogFormatter(appName: "shop", hostname: "host", processID: "1"),
        ]
        for formatter in formatters {
            let line = formatter.format(record)
            #expect(!line.contains("deep-secret-70"), "\(type(of: formatter)): \(line)")
            #expect(line.contains("[too deep]") || line.contains("[too deep\\]"), "\(type(of: formatter))")
        }
    }

    @Test("the rules search 64 levels exactly: a secret at level 63 is redacted, at 64 its object is [too deep]")
    func depthLimitIsExact() {
        func line(_ levels: Int, _ inner: LogValue) -> String {
            var value = inner
            for _ in 0..<levels { value = ["level": value] }
            let record = LogRecord(level: .info, logger: "shop", message: "m", fields: ["payload": value])
            return JSONFormatter(maximumDepth: 100).format(record)
        }
        let inside = line(63, ["password": "secret-63"])
        #expect(inside.contains(#""level":{"password":"[REDACTED]"}"#) && !inside.contains("[too deep]"), "\(inside)")
        let past = line(64, ["password": "secret-64"])
        #expect(past.contains(#""level":"[too deep]""#) && !past.contains("secret-64"), "\(past)")
        // Nothing can hide in an empty object or array: written as they are.
        #expect(line(64, .object([:])).contains(#""level":{}"#))
        #expect(line(64, .array([])).contains(#""level":[]"#))
        #expect(line(64, "plain").contains(#""level":"plain""#))
    }

    @Test("the public field iteration yields redacted values, so custom formatters are covered")
    func forEachFieldRedacts() throws {
        let record = try Self.loggedRecord()
        var seen: [String: LogValue] = [:]
        record.forEachField { key, value in seen[key] = value.logValue }
        #expect(seen["password"] == .string("[REDACTED]"))
        #expect(seen["client_secret"] == .string("[REDACTED]"))
        #expect(seen["amount"] == .int(42))
        guard case .object(let user) = seen["user"] else {
            Issue.record("user is not an object")
            return
        }
        #expect(user["password"]?.logValue == .string("[REDACTED]"))
        #expect(user["name"]?.logValue == .string("ada"))
    }

    @Test("keys match ignoring case, with - and _ equivalent, and only whole keys")
    func matching() {
        let rules = LogRedaction.default
        for key in [
            "password", "PASSWORD", "Passwd", "secret", "Client-Secret", "token", "ACCESS_TOKEN", "refresh-token",
            "id_token", "api_key", "API-KEY", "apikey", "Authorization", "proxy-authorization", "Cookie",
            "Set-Cookie", "private_key", "PROXY_AUTHORIZATION",
        ] {
            #expect(rules.redacts(key), "\(key)")
        }
        for key in ["passwords", "tokens", "user", "status", "cached", "api key", "secret_santa", "", "pass-word"] {
            #expect(!rules.redacts(key), "\(key)")
        }
        #expect(!LogRedaction.disabled.redacts("password"))
        let extended = LogRedaction.default.adding(["SSN", "card-number"])
        #expect(extended.redacts("ssn") && extended.redacts("card_number") && extended.redacts("password"))
        let replaced = LogRedaction(keys: ["ssn"])
        #expect(replaced.redacts("SSN") && !replaced.redacts("password"))
    }

    /// Nested values are searched and cut at 64 levels only under key rules: with redaction off they
    /// are written as the formatter writes them (the search has no guard of its own: its callers check).
    @Test(
        "with redaction off nested values are not searched, with it on they are, deep ones cut",
        arguments: [false, true])
    func nestedValuesAreSearchedOnlyUnderKeyRules(redacting: Bool) async throws {
        let outcome = try await TestHost.run("nested-redaction", [redacting ? "on" : "off"])
        #expect(outcome.status == 0)
        let line = try #require(outcome.outputLines.first)
        for secret in ["pw-top", "pw-deep", "pw-held"] {
            #expect(line.contains("\"password\":\"\(secret)\"") != redacting, "\(secret): \(line)")
        }
        #expect(line.contains("\"[too deep]\"") == redacting, "\(line)")
        #expect(line.contains("\"password\":\"[REDACTED]\"") == redacting, "\(line)")
    }

    /// Runs `hashed-with-key` with `key` (none: the per-process key); returns the hash it
    /// printed and its setup line.
    private func hashInProcess(key: String?) async throws -> (hash: String, setup: String) {
        let outcome = try await TestHost.run("hashed-with-key", key.map { [$0] } ?? [])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return (try #require(outcome.outputLines.first), outcome.standardError)
    }

    @Test("with a hash key, processes hash a value alike (and as every release has); without one, each its own way")
    func hashKeyAcrossProcesses() async throws {
        let first = try await hashInProcess(key: "correlation-secret")
        let second = try await hashInProcess(key: "correlation-secret")
        let otherKey = try await hashInProcess(key: "another-secret")
        let unkeyed = [try await hashInProcess(key: nil), try await hashInProcess(key: nil)]
        // SipHash-2-4 of the text under the secret's two SipHashes (the fixed keys of
        // `KeyedHash.key(from:)`), as a reference implementation computes it.
        #expect(first.hash == "hash:e6648ed501b019e4")
        #expect(second.hash == first.hash)
        #expect(otherKey.hash != first.hash && otherKey.hash.hasPrefix("hash:"))
        #expect(unkeyed[0].hash != unkeyed[1].hash && unkeyed[0].hash != first.hash)
        #expect(first.setup.contains("redaction=[default keys, sensitive values hidden (hashed with a set key)]"))
        #expect(unkeyed[0].setup.contains("redaction=[default keys, sensitive values hidden]"))
    }

    @Test("every spelling of every default key is redacted through the field pipeline, near misses are not")
    func spellingsThroughThePipeline() {
        let redacted = [
            "password", "PASSWORD", "Passwd", "secret", "Client-Secret", "token", "ACCESS_TOKEN", "refresh-token",
            "id_token", "api_key", "API-KEY", "apikey", "Authorization", "proxy-authorization", "Cookie",
            "Set-Cookie", "private_key", "PROXY_AUTHORIZATION", "Private-Key",
        ]
        let kept = ["passwords", "status", "cached", "method", "secrets", "tokenizer", "x-api-key", "cookies"]
        let fields = LogFields(
            redacted.enumerated().map { ($1, "secret-\($0)" as any LogValueConvertible) }
                + kept.map { ($0, "kept-\($0)" as any LogValueConvertible) })
        var buffer = LogBuffer()
        JSONFormatter().format(LogRecord(level: .info, logger: "t", message: "m", fields: fields), into: &buffer)
        let line = buffer.string
        for index in redacted.indices {
            #expect(!line.contains("secret-\(index)\""), "\(redacted[index]): \(line)")
        }
        for key in kept {
            #expect(line.contains("\"\(key)\":\"kept-\(key)\""), "\(key): \(line)")
        }
    }

    @Test("a context scope is checked on every record: a secret in it stays hidden, a clean one stays written")
    func scopesStayRedacted() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [sink]))
        let log = hierarchy.logger("shop")
        LogContext.with(["request_id": "r-1", "token": "scope-token-1"]) {
            LogContext.with(["user": ["refresh_token": "scope-token-2", "id": 9] as LogValue, "plain": "p"]) {
                for _ in 0..<3 { log.info("again") }
            }
        }
        #expect(sink.records.count == 3)
        for record in sink.records {
            var buffer = LogBuffer()
            LogfmtFormatter().format(record, into: &buffer)
            let line = buffer.string
            #expect(!line.contains("scope-token"), "\(line)")
            #expect(line.contains("request_id=r-1") && line.contains("user.id=9") && line.contains("plain=p"))
            #expect(line.contains("token=[REDACTED]") && line.contains("user.refresh_token=[REDACTED]"))
        }
    }

    @Test("the setup's description says which rules are active")
    func describedInSetup() throws {
        let hierarchy = LogHierarchy()
        let setup = try hierarchy.bootstrap(LogConfiguration(sinks: [InMemorySink()]))
        #expect(setup.description.hasSuffix("redaction=[default keys, sensitive values hidden]"))
        #expect(LogRedaction.default.adding(["ssn"]).description.hasPrefix("default keys + ssn,"))
        #expect(LogRedaction(keys: ["ssn"]).description.hasPrefix("keys: ssn,"))
        #expect(LogRedaction.disabled.description == "off (values written in clear text)")
    }

    @Test("hashed values are stable per key, differ between values and never hold the value")
    func hashed() {
        let first = LogValue.string("ada@example.com")
        let a = LogSensitiveValue.hashed(first).logValue
        let b = LogSensitiveValue.hashed(first).logValue
        let other = LogSensitiveValue.hashed(LogValue.string("bob@example.com")).logValue
        #expect(a == b)
        #expect(a != other)
        guard case .string(let text) = a else {
            Issue.record("not a string")
            return
        }
        #expect(text.hasPrefix("hash:") && text.utf8.count == 21)
        // Only a part with non-hex letters: "ada" alone turns up in 0.3 % of random hashes.
        #expect(!text.contains("ada@example"))
    }

    @Test("LOG_REDACT_KEYS adds keys, and a bad value is a typed error naming it")
    func environment() throws {
        let resolution = try LogEnvironment(variables: ["LOG_REDACT_KEYS": "ssn, card_number"]).resolve()
        #expect(resolution.configuration.redaction.redacts("SSN"))
        #expect(resolution.configuration.redaction.redacts("card-number"))
        #expect(resolution.configuration.redaction.redacts("password"))
        #expect(resolution.choices.contains { $0.setting == "redaction" && $0.source.contains("LOG_REDACT_KEYS") })
        #expect {
            try LogEnvironment(variables: ["LOG_REDACT_KEYS": "ssn,,card"]).resolve()
        } throws: { error in
            guard let error = error as? LogEnvironmentError else { return false }
            return error.variable == "LOG_REDACT_KEYS" && error.value == "ssn,,card"
                && error.description.contains("comma-separated")
        }
        #expect(throws: LogEnvironmentError.self) {
            try LogEnvironment(variables: ["LOG_REDACT_KEYS": "a b"]).resolve()
        }
    }

    @Test("a value is converted once: what the redaction check saw is what is written")
    func nestedSecretFromASecondConversion() {
        let formatters: [any LogFormatter] = [JSONFormatter(), LogfmtFormatter(), ConsoleFormatter(colors: .never)]
        for formatter in formatters {
            // Each value's first conversion has no redacted key; a second one would: at the
            // top level, and inside an object inside an array.
            let record = LogRecord(
                level: .info, logger: "app", message: "m",
                fields: [
                    "session": SecondConversionDiffers(),
                    "tags": LogValue.array([.object(["inner": SecondConversionDiffers()])]),
                ])
            var buffer = LogBuffer()
            formatter.format(record, into: &buffer)
            let firstConversions = buffer.string.split(separator: "u-7", omittingEmptySubsequences: false).count - 1
            #expect(firstConversions == 2, "\(buffer.string)")
            #expect(!buffer.string.contains("hunter2"), "\(buffer.string)")
        }
    }
}

/// A value whose first conversion holds no secret key and whose later ones do, as a shared
/// object another thread updates might.
private final class SecondConversionDiffers: LogValueConvertible, Sendable {
    private let conversions = Atomic(0)
    var logValue: LogValue {
        let first = conversions.add(1, ordering: .relaxed).newValue == 1
        let fields: LogFields = first ? ["user": "u-7"] : ["password": "hunter2"]
        return .object(fields)
    }
}
