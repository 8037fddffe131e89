import Foundation
import Logbook
import LogbookTesting
import Synchronization
import Testing

/// The output lines the guides show outside Formats.md's and Lambda.md's formatter samples
/// (README, GettingStarted, Context, HierarchyAndLevels, Lambda, Production, Testing, and
/// their DocC twins) are what the code writes for the input next to them.
@Suite struct GuideExamplesTests {
    /// The text of a file of this repository, by its path from the root.
    func file(_ path: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../..").standardizedFileURL
        return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Records an issue unless `path` has `line` as one of its lines.
    func expectLine(_ line: String, in path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lines = try file(path).components(separatedBy: "\n")
        #expect(lines.contains(line), "\(path) does not show: \(line)", sourceLocation: sourceLocation)
    }

    @Test("the tour's JSON line in the README is JSONFormatter's output for the tour's record")
    func readmeTour() throws {
        let line = JSONFormatter().format(
            LogRecord(
                timestamp: fixedTimestamp, level: .info, logger: "payments.gateway", message: "charge created",
                fields: ["amount": 42, "currency": "EUR", "captured": true],
                context: LogContext(["request_id": "r-42", "user_id": "u-7"])))
        try expectLine(line, in: "README.md")
    }

    @Test("Getting started: the line of Log(\"app\").info(\"started\") and the printed setup")
    func gettingStarted() throws {
        let line = JSONFormatter().format(
            LogRecord(timestamp: fixedTimestamp, level: .info, logger: "app", message: "started"))
        try expectLine(line, in: "Documentation/GettingStarted.md")
        try expectLine(line, in: "Sources/Logbook/Logbook.docc/GettingStarted.md")

        let setup = try LogHierarchy().bootstrap(LogConfiguration(level: .info, sinks: [StreamSink(.standardOutput)]))
        #expect(
            setup.description
                == "level=info sinks=[standard output (JSONFormatter)] redaction=[default keys, sensitive values hidden]"
        )
        let shown = "print(setup)  // level=info sinks=[standard output (JSONFormatter)] redaction=[default keys, ...]"
        try expectLine(shown, in: "Documentation/GettingStarted.md")
        try expectLine(shown, in: "Sources/Logbook/Logbook.docc/GettingStarted.md")
    }

    @Test("Context: a record inside the scope, the nested context key, and nested scopes' fields")
    func context() throws {
        let inScope = JSONFormatter().format(
            LogRecord(
                timestamp: fixedTimestamp, level: .info, logger: "app.orders.repository", message: "order row read",
                fields: ["order_id": "o-1"], context: LogContext(["request_id": "r-42", "user_id": "u-7"])))
        try expectLine(inScope, in: "Documentation/Context.md")
        let nested = JSONFormatter(contextKey: "context").format(
            LogRecord(
                timestamp: fixedTimestamp, level: .info, logger: "app.orders", message: "order loaded",
                fields: ["order_id": 42], context: LogContext(["request_id": "r-1", "user_id": "u-1"])))
        try expectLine(nested, in: "Documentation/Context.md")

        // The comments of the nesting example list the fields in output order.
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [sink]))
        let log = hierarchy.logger("app")
        LogContext.with(["request_id": "r-1", "user_id": "u-1"]) {
            LogContext.with(["user_id": "u-2", "step": "charge"]) {
                log.info("charging")
            }
            log.info("charged")
        }
        let lines = sink.records.map { LogfmtFormatter().format($0) }
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix(" msg=charging request_id=r-1 user_id=u-2 step=charge") == true)
        #expect(lines.last?.hasSuffix(" msg=charged request_id=r-1 user_id=u-1") == true)
        try expectLine(
            "        log.info(\"charging\")          // request_id=r-1 user_id=u-2 step=charge",
            in: "Documentation/Context.md")
        try expectLine(
            "    log.info(\"charged\")               // request_id=r-1 user_id=u-1", in: "Documentation/Context.md")
    }

    @Test("Hierarchy and levels: the sampling summary's keys, in order")
    func samplingSummary() async throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        try hierarchy.bootstrap(
            LogConfiguration(
                level: .info, sinks: [sink], sampling: try LogSampling(first: 1, per: .milliseconds(300))))
        let log = hierarchy.logger("payments")
        for _ in 0..<4 { log.error("charge failed") }
        try await Task.sleep(for: .milliseconds(600))
        for _ in 0..<4 { log.error("charge failed") }
        let summary = try #require(sink.records.first { $0.logger == "logbook" })
        #expect(summary.field("suppressed")?.logValue == 3)
        // The documented line, with its timestamp elided and its count as shown.
        var line = JSONFormatter().format(summary)
        let timestamp = try #require(line.range(of: #""timestamp":"[^"]*""#, options: .regularExpression))
        line.replaceSubrange(timestamp, with: #""timestamp":"…""#)
        line = line.replacingOccurrences(of: #""suppressed":3,"#, with: #""suppressed":4941,"#)
        try expectLine(line, in: "Documentation/HierarchyAndLevels.md")
    }

    @Test("Lambda: the printed setup and the error for a bad variable")
    func lambda() throws {
        let setup = try LogHierarchy().bootstrap(
            LogEnvironment(
                variables: [
                    "AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_LOG_FORMAT": "JSON", "LOG_FORMAT": "console",
                    "AWS_LAMBDA_LOG_LEVEL": "DEBUG",
                ], outputIsTerminal: false))
        try expectLine(setup.description, in: "Documentation/Lambda.md")
        var thrown: LogBootstrapError?
        do {
            _ = try LogHierarchy().bootstrap(
                LogEnvironment(variables: ["AWS_LAMBDA_LOG_FORMAT": "XML"], outputIsTerminal: false))
        } catch {
            thrown = error
        }
        try expectLine("\(try #require(thrown))", in: "Documentation/Lambda.md")
    }

    @Test("Lambda's DocC article: the text line of its handler's record")
    func lambdaArticle() throws {
        // What the article's handler logs in its first invocation, with no trace header.
        let invocation = LambdaInvocation(requestID: fixedRequestID, isColdStart: true)
        let line = LambdaTextFormatter().format(
            fixedRecord(.info, "order received", fields: ["order_id": 42], context: LogContext(invocation.fields)))
        try expectLine(line, in: "Sources/Logbook/Logbook.docc/Lambda.md")
    }

    @Test("Production and Formats: the FileSinkError text and the redaction rules setup prints")
    func productionMessages() throws {
        let error = FileSinkError.cannotOpen(path: "/var/log/payments/app.log", errno: EACCES)
        #expect(try file("Documentation/Production.md").contains("`\(error)`"))
        let setup = try LogHierarchy().bootstrap(
            LogConfiguration(sinks: [StreamSink(.standardOutput)], redaction: .default.adding(["ssn", "card_number"])))
        let rules = try #require(setup.description.range(of: "redaction=[")).lowerBound
        #expect(try file("Documentation/Formats.md").contains("`\(setup.description[rules...])`"))
    }

    @Test("Testing: a failed expectLogged prints what the guide shows")
    func testingFailureMessage() throws {
        let logs = LogCapture()
        let hierarchy = LogHierarchy()
        hierarchy.lastResort = nil
        logs.capture {
            hierarchy.logger("checkout").debug("validating cart", ["items": 3])
            hierarchy.logger("checkout").info("order placed", ["items": 3, "total": 4200])
        }
        let message = Mutex("")
        withKnownIssue {
            logs.expectLogged(level: .info, message: "order placed", fields: ["items": "3"])
        } matching: { issue in
            message.withLock { $0 = issue.comments.map(\.rawValue).joined() }
            return true
        }
        let lines = message.withLock { $0 }.components(separatedBy: "\n")
        #expect(lines.count == 3)
        // Swift Testing prints the comment's first line after `↳ ` and indents the others.
        try expectLine("↳ " + lines[0], in: "Documentation/Testing.md")
        for line in lines.dropFirst() { try expectLine("  " + line, in: "Documentation/Testing.md") }
    }

    @Test("Formats: the N of a truncation marker is the length before the cut")
    func truncationMarkerCount() throws {
        let message = String(repeating: "a", count: 2000)
        let record = LogRecord(timestamp: fixedTimestamp, level: .info, logger: "p", message: message)
        // JSON: the whole message, as Formats.md's example says.
        let json = JSONFormatter(lineLimit: 1024).format(record)
        #expect(json.utf8.count <= 1024)
        #expect(json.hasSuffix("…[truncated 2000 bytes]\"}"))
        #expect(
            try file("Documentation/Formats.md").contains(
                "`JSONFormatter(lineLimit: 1024)` ends `…[truncated 2000 bytes]`"))
        // Syslog: the whole message, cut as a text line is (here outside quotes: a pair).
        let syslog = SyslogFormatter(appName: "a", hostname: "h", processID: "1", lineLimit: 480).format(record)
        #expect(syslog.utf8.count <= 480)
        #expect(syslog.hasSuffix(" truncated=\"…[truncated 2000 bytes]\""))
        // Text formats: the whole line.
        let whole = LogfmtFormatter().format(record)
        let cut = LogfmtFormatter(lineLimit: 100).format(record)
        #expect(cut.utf8.count <= 100)
        #expect(cut.hasSuffix("…[truncated \(whole.utf8.count) bytes]\""))
    }

    @Test("Production and Lambda: LOG_SAMPLING takes N:M/INTERVAL, N/INTERVAL with a whole INTERVAL, or off")
    func samplingVariable() throws {
        func setup(_ value: String) throws -> LogSetup {
            try LogHierarchy().bootstrap(LogEnvironment(variables: ["LOG_SAMPLING": value], outputIsTerminal: false))
        }
        #expect(try setup("10:100/1s").sampling == LogSampling(first: 10, thenEvery: 100, per: .seconds(1)))
        #expect(try setup("5/1m").sampling == LogSampling(first: 5, per: .seconds(60)))
        #expect(try setup("off").sampling == .off)
        for rejected in ["1.5s", "10:100", "5/1d", "5/1.5s"] {
            #expect(throws: LogBootstrapError.self) { try setup(rejected) }
        }
    }

    @Test("Testing: a scoped bootstrap puts back the loggers' sampling and the field providers too")
    func scopedBootstrapRestoresSamplingAndProviders() async throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        let provider = LogFieldProvider(name: "region") { ["region": "eu"] }
        try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [sink], fieldProviders: [provider]))
        let sampling = try LogSampling(first: 1, per: .seconds(60))
        hierarchy.logger("payments").sampling = sampling
        try await withScopedLogBootstrap(
            LogConfiguration(sinks: [InMemorySink()], sampling: .off), hierarchy: hierarchy
        ) {
            hierarchy.logger("payments").sampling = .off
            #expect(hierarchy.root.sampling == .off)
        }
        #expect(hierarchy.logger("payments").sampling == sampling)
        #expect(hierarchy.root.sampling == nil)
        hierarchy.logger("app").info("after")
        #expect(sink.records.last?.field("region")?.logValue == "eu")
    }

    @Test("Writing a sink or formatter: the guide's CompactFormatter writes what its assert says")
    func compactFormatter() throws {
        // The guide's formatter, as written there.
        struct CompactFormatter: LogFormatter {
            func format(_ record: LogRecord, into buffer: inout LogBuffer) {
                buffer.append(record.level.uppercaseName)
                buffer.append(" ")
                buffer.append(record.logger)
                buffer.append(": ")
                buffer.appendSingleLine(record.message)
                record.forEachField { key, value in
                    buffer.append(" ")
                    buffer.appendLogfmtKey(key)
                    buffer.append("=")
                    buffer.appendLogfmtValue(value.logValue.description)
                }
            }
        }
        let record = LogRecord(
            timestamp: LogTimestamp(secondsSinceEpoch: 1_722_945_296, nanoseconds: 789_000_000),
            level: .info, logger: "payments", message: "charge created", fields: ["amount": 42])
        let line = CompactFormatter().format(record)
        #expect(line == "INFO payments: charge created amount=42")
        try expectLine(
            "assert(CompactFormatter().format(record) == \"\(line)\")", in: "Documentation/WritingSinksAndFormatters.md"
        )
    }

    @Test("Lambda: a function variable Lambda sets is taken as it is; a bad LOG_ variable stops bootstrap")
    func lambdaFunctionVariables() throws {
        var environment = LogEnvironment(
            variables: [
                "AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "lots",
                "AWS_LAMBDA_LOG_FORMAT": "JSON",
            ], outputIsTerminal: false)
        environment.includesLambdaFunctionFields = true
        let setup = try LogHierarchy().bootstrap(environment)
        let sink = try #require(setup.sinks.first as? StreamSink)
        let line = sink.formatter.format(fixedRecord())
        #expect(line.contains(#""function_name":"orders""#))
        #expect(!line.contains("function_memory_size"))
        #expect(throws: LogBootstrapError.self) {
            try LogHierarchy().bootstrap(LogEnvironment(variables: ["LOG_LEVELS": "orders"], outputIsTerminal: false))
        }
    }

    @Test("Production: LogSetup.flush() flushes the root's sinks; shutdown drains every logger's")
    func setupFlushIsTheRootsSinks() throws {
        final class FlushCountingSink: LogSink {
            let flushes = Mutex(0)
            func write(_ record: LogRecord) {}
            func flush() { flushes.withLock { $0 += 1 } }
        }
        let hierarchy = LogHierarchy()
        let root = FlushCountingSink()
        let audit = FlushCountingSink()
        let setup = try hierarchy.bootstrap(LogConfiguration(sinks: [root]))
        hierarchy.logger("audit").addSink(audit)
        setup.flush()
        #expect(root.flushes.withLock { $0 } == 1)
        #expect(audit.flushes.withLock { $0 } == 0)
        #expect(setup.shutdown(timeout: .seconds(1)))
        #expect(audit.flushes.withLock { $0 } == 1)
    }
}
