import Foundation
import Logbook
import LogbookTesting
import Synchronization
import Testing

/// The records a sink received that are sampling summaries, and the rest.
private func split(_ records: [LogRecord]) -> (written: [LogRecord], summaries: [LogRecord]) {
    let summaries = records.filter { $0.logger == "logbook" && $0.field("suppressed") != nil }
    let written = records.filter { !($0.logger == "logbook" && $0.field("suppressed") != nil) }
    return (written, summaries)
}

private func suppressed(_ summary: LogRecord) -> Int {
    guard case .int(let count)? = summary.field("suppressed")?.logValue else { return -1 }
    return count
}

private func string(_ record: LogRecord, _ key: String) -> String? {
    guard case .string(let text)? = record.field(key)?.logValue else { return nil }
    return text
}

@Suite("Sampling: first N, then every M-th, the rest counted")
struct SamplingTests {
    @Test("10:100 over 5,000 records of one call site: 59 written, one summary of 4,941 at shutdown")
    func firstThenEvery() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(
            LogConfiguration(sinks: [sink], sampling: try LogSampling(first: 10, thenEvery: 100, per: .seconds(3600))))
        let log = hierarchy.logger("payments")
        for index in 1...5_000 { log.error("charge failed", ["index": index]) }
        // 1...10 pass, then 110, 210, …, 4910: 49 more.
        let before = split(sink.records)
        #expect(before.written.count == 59)
        #expect(before.summaries.isEmpty, "the interval has not ended")
        let indices = before.written.compactMap { record -> Int? in
            guard case .int(let index)? = record.field("index")?.logValue else { return nil }
            return index
        }
        #expect(indices == Array(1...10) + stride(from: 110, through: 4_910, by: 100).map { $0 })

        setup.shutdown()
        let (written, summaries) = split(sink.records)
        #expect(written.count == 59)
        #expect(summaries.count == 1)
        let summary = try #require(summaries.first)
        #expect(summary.level == .warning)
        #expect(suppressed(summary) == 4_941)
        #expect(string(summary, "logger") == "payments")
        #expect(string(summary, "level") == "error")
        #expect(string(summary, "message") == "charge failed")
    }

    @Test(
        "an interval too long for nanoseconds in Int64 (first 3, then never) suppresses, with no summary until shutdown"
    )
    func longestInterval() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(
            LogConfiguration(sinks: [sink], sampling: try LogSampling(first: 3, per: .seconds(Int64.max))))
        let log = hierarchy.logger("payments")
        for index in 1...100 { log.error("charge failed", ["index": index]) }
        let before = split(sink.records)
        #expect(before.written.count == 3)
        #expect(before.summaries.count == 0, "the interval has not ended")
        setup.shutdown()
        let summaries = split(sink.records).summaries
        #expect(summaries.count == 1)
        #expect(summaries.first.map(suppressed) == 97)
    }

    @Test("the key is the call site: interpolated messages of one line are one group, two lines two groups")
    func keyedByCallSite() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(
            LogConfiguration(sinks: [sink], sampling: try LogSampling(first: 2, per: .seconds(3600))))
        let log = hierarchy.logger("svc")
        for id in 0..<10 { log.warning("order \(id) failed") }
        for _ in 0..<10 { log.warning("same text") }
        for _ in 0..<10 { log.warning("same text") }
        let written = split(sink.records).written.map(\.message)
        #expect(written == ["order 0 failed", "order 1 failed", "same text", "same text", "same text", "same text"])
        setup.shutdown()
        let summaries = split(sink.records).summaries
        #expect(summaries.map(suppressed) == [8, 8, 8])
        #expect(
            Set(summaries.compactMap { string($0, "message") }) == ["order 2 failed", "same text"],
            "a summary names the first dropped record's message")
    }

    @Test("the same call site at different levels, and different loggers, are separate groups")
    func levelAndLoggerAreInTheKey() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        try hierarchy.bootstrap(
            LogConfiguration(level: .debug, sinks: [sink], sampling: try LogSampling(first: 1, per: .seconds(3600))))
        for level in [LogLevel.info, .warning, .info, .warning] {
            for name in ["a", "b"] { hierarchy.logger(name).log(level: level, "repeated") }
        }
        #expect(split(sink.records).written.count == 4)
    }

    @Test("critical records are never sampled")
    func criticalIsNeverSampled() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(
            LogConfiguration(sinks: [sink], sampling: try LogSampling(first: 1, per: .seconds(3600))))
        let log = hierarchy.logger("core")
        for _ in 0..<500 { log.critical("disk on fire") }
        setup.shutdown()
        #expect(split(sink.records).written.count == 500)
        #expect(split(sink.records).summaries.isEmpty)
    }

    @Test("a summary is written when the next record of the logger arrives after the interval, before it")
    func summaryOnNextRecord() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        try hierarchy.bootstrap(
            LogConfiguration(sinks: [sink], sampling: try LogSampling(first: 3, per: .seconds(1))))
        let log = hierarchy.logger("db")
        // The 20 records, and later the 5, must fall in one interval: a second, not 100 ms,
        // which a thread preempted under load (the thread sanitizer, a busy machine) can
        // lose. The sleep only has to be longer than the interval.
        for _ in 0..<20 { log.error("timeout") }
        #expect(sink.records.count == 3)
        Thread.sleep(forTimeInterval: 1.2)
        log.info("a different call site of the same logger")
        let records = sink.records
        #expect(records.count == 5)
        #expect(records[3].logger == "logbook" && suppressed(records[3]) == 17)
        #expect(string(records[3], "message") == "timeout")
        #expect(records[4].message == "a different call site of the same logger")
        // The next interval starts afresh: its first 3 pass again.
        for _ in 0..<5 { log.error("timeout") }
        #expect(split(sink.records).written.count == 7)
    }

    @Test("with the root at error, summaries are still written: loggers' levels do not hide the count")
    func summaryAboveTheRootLevel() throws {
        let hierarchy = quietHierarchy()
        let everything = InMemorySink()
        let errorsOnly = InMemorySink(level: .error)
        let setup = try hierarchy.bootstrap(
            LogConfiguration(
                level: .error, sinks: [everything, errorsOnly],
                sampling: try LogSampling(first: 2, per: .seconds(3600))))
        let log = hierarchy.logger("payments")
        for _ in 0..<10 { log.error("charge failed") }
        setup.shutdown()
        let (written, summaries) = split(everything.records)
        #expect(written.count == 2)
        #expect(summaries.map(suppressed) == [8], "written + suppressed = logged")
        #expect(summaries.first?.level == .warning)
        #expect(split(errorsOnly.records).summaries.isEmpty, "a sink's own level still applies")
    }

    @Test("a level set on logger logbook itself still silences the summaries")
    func summarySilencedByLogbooksOwnLevel() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(
            LogConfiguration(
                level: .info, sinks: [sink], loggerLevels: ["logbook": .error],
                sampling: try LogSampling(first: 2, per: .seconds(3600))))
        let log = hierarchy.logger("payments")
        for _ in 0..<10 { log.error("charge failed") }
        setup.shutdown()
        let (written, summaries) = split(sink.records)
        #expect(written.count == 2)
        #expect(summaries.isEmpty)
    }

    @Test("sampling applies to a logger subtree; .off exempts a branch; the rest is not sampled")
    func subtree() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        hierarchy.logger("payments").sampling = try LogSampling(first: 1, per: .seconds(3600))
        hierarchy.logger("payments.audit").sampling = .off
        #expect(hierarchy.logger("payments.gateway").effectiveSampling == hierarchy.logger("payments").sampling)
        #expect(hierarchy.logger("payments.audit.trail").effectiveSampling == .off)
        #expect(hierarchy.logger("orders").effectiveSampling == nil)
        for name in ["payments", "payments.gateway", "payments.audit.trail", "orders"] {
            for _ in 0..<10 { hierarchy.logger(name).warning("x") }
        }
        let counts = Dictionary(grouping: split(sink.records).written, by: \.logger).mapValues(\.count)
        #expect(counts == ["payments": 1, "payments.gateway": 1, "payments.audit.trail": 10, "orders": 10])

        // Turning it off takes effect at once.
        hierarchy.logger("payments").sampling = nil
        sink.removeAll()
        for _ in 0..<10 { hierarchy.logger("payments.gateway").warning("y") }
        #expect(split(sink.records).written.count == 10)
    }

    @Test("records created only for a test capture below the logger's level are not counted")
    func belowThresholdNotSampled() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        try hierarchy.bootstrap(
            LogConfiguration(sinks: [sink], sampling: try LogSampling(first: 2, per: .seconds(3600))))
        let log = hierarchy.logger("svc")
        let capture = LogCapture(level: .trace)
        capture.capture {
            for _ in 0..<5 { log.debug("detail") }
            for _ in 0..<5 { log.info("event") }
        }
        #expect(capture.messages == Array(repeating: "detail", count: 5) + ["event", "event"])
        #expect(split(sink.records).written.map(\.message) == ["event", "event"])
    }

    @Test("a dropped record's fields are never evaluated, its message only for the first drop")
    func droppedRecordsCostNoFormatting() throws {
        let hierarchy = quietHierarchy()
        try hierarchy.bootstrap(
            LogConfiguration(sinks: [InMemorySink()], sampling: try LogSampling(first: 1, per: .seconds(3600))))
        let log = hierarchy.logger("svc")
        let messages = SharedCounter()
        let fields = SharedCounter()
        func message() -> String {
            messages.increment()
            return "m"
        }
        func fieldList() -> LogFields {
            fields.increment()
            return ["k": 1]
        }
        for _ in 0..<10 { log.info(message(), fieldList()) }
        #expect(messages.value == 2, "the written record's and the first dropped one's")
        #expect(fields.value == 1)
    }

    @Test("8 threads x 10,000 records of one call site: written + suppressed = 80,000 exactly")
    func exactUnderContention() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(
            LogConfiguration(
                sinks: [sink], sampling: try LogSampling(first: 10, thenEvery: 100, per: .milliseconds(20))))
        let log = hierarchy.logger("storm")
        let done = DispatchGroup()
        for _ in 0..<8 {
            done.enter()
            Thread {
                for _ in 0..<10_000 { log.error("same") }
                done.leave()
            }.start()
        }
        done.wait()
        setup.shutdown()
        let (written, summaries) = split(sink.records)
        let total = written.count + summaries.map(suppressed).reduce(0, +)
        #expect(total == 80_000)
        #expect(summaries.count >= 1)
        #expect(written.count < 80_000)
    }

    @Test("200 call sites, each new one counted from its first record, also those that grow the table")
    func newCallSitesThatGrowTheTable() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(
            LogConfiguration(sinks: [sink], sampling: try LogSampling(first: 1, per: .seconds(3600))))
        let log = hierarchy.logger("sites")
        // Each site's first record passes and its second is dropped. The table starts
        // with 16 slots and doubles at half full: the 9th, 17th, 33rd, 65th and 129th
        // sites each add a site and move every entry in one call.
        for site in 1...200 {
            for _ in 0..<2 { log.info("site \(site)", line: UInt(50_000 + site)) }
        }
        let written = split(sink.records).written.map(\.message)
        #expect(written == (1...200).map { "site \($0)" })
        setup.shutdown()
        let summaries = split(sink.records).summaries
        #expect(summaries.count == 200)
        #expect(summaries.allSatisfy { suppressed($0) == 1 })
    }

    @Test("LogSetup.shutdown writes pending summaries before the sinks drain; counting goes on")
    func shutdownFlushes() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(
            LogConfiguration(sinks: [sink], sampling: try LogSampling(first: 0, thenEvery: 2, per: .seconds(3600))))
        let log = hierarchy.logger("svc")
        func notice() { log.notice("n") }  // one call site
        for _ in 0..<7 { notice() }
        setup.shutdown()
        #expect(split(sink.records).summaries.map(suppressed) == [4])
        setup.shutdown()
        #expect(split(sink.records).summaries.count == 1, "nothing pending, no summary")
        for _ in 0..<3 { notice() }
        setup.shutdown()
        let (written, summaries) = split(sink.records)
        #expect(written.count == 3 + 2)
        #expect(summaries.map(suppressed) == [4, 1])
    }
}
