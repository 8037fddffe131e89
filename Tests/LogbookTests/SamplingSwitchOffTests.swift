import Logbook
import LogbookTesting
import Testing

@Suite("Sampling turned off: drops not yet reported are reported then")
struct SamplingSwitchOffTests {
    private static func summaries(_ sink: InMemorySink) -> [LogRecord] {
        sink.records.filter { $0.logger == "logbook" && $0.field("suppressed") != nil }
    }

    private static func suppressed(_ summary: LogRecord) -> Int? {
        guard case .int(let count)? = summary.field("suppressed")?.logValue else { return nil }
        return count
    }

    /// `<logger> <suppressed>`.
    private static func described(_ summary: LogRecord) -> String {
        guard case .string(let logger)? = summary.field("logger")?.logValue else { return "?" }
        return "\(logger) \(suppressed(summary) ?? -1)"
    }

    @Test("a logger's own sampling set to nil or .off: its drops are reported at once, not at shutdown")
    func ownSamplingOff() throws {
        for off in [nil, LogSampling.off] {
            let hierarchy = quietHierarchy()
            let sink = InMemorySink()
            hierarchy.root.addSink(sink)
            let log = hierarchy.logger("db")
            log.sampling = try LogSampling(first: 1, per: .seconds(3600))
            for _ in 0..<5 { log.error("timeout") }
            #expect(sink.records.count == 1)
            // Its records are no longer sampled, so no later record of it would ever write
            // the summary: it waited for shutdown, however long the process ran.
            log.sampling = off
            let reported = Self.summaries(sink)
            #expect(reported.count == 1)
            #expect(reported.first.flatMap(Self.suppressed) == 4)
            log.error("timeout")
            #expect(sink.records.count == 3)
        }
    }

    @Test("an ancestor's sampling removed: every descendant that sampled reports its drops, once")
    func inheritedSamplingOff() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(LogConfiguration(sinks: [sink]))
        hierarchy.logger("payments").sampling = try LogSampling(first: 2, per: .seconds(3600))
        for name in ["payments", "payments.gateway", "payments.fraud"] {
            for _ in 0..<7 { hierarchy.logger(name).warning("slow") }
        }
        hierarchy.logger("payments").sampling = nil
        let reported = Self.summaries(sink)
        #expect(reported.count == 3)
        #expect(reported.allSatisfy { Self.suppressed($0) == 5 })
        setup.shutdown()
        #expect(Self.summaries(sink).count == 3, "nothing is reported twice")
    }

    @Test("an ancestor's sampling removed: a descendant with sampling of its own keeps its drops until shutdown")
    func descendantWithOwnSamplingKeepsItsDrops() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(LogConfiguration(sinks: [sink]))
        hierarchy.logger("payments").sampling = try LogSampling(first: 2, per: .seconds(3600))
        hierarchy.logger("payments.fraud").sampling = try LogSampling(first: 1, per: .seconds(3600))
        for name in ["payments", "payments.fraud"] {
            for _ in 0..<7 { hierarchy.logger(name).warning("slow") }
        }
        hierarchy.logger("payments").sampling = nil
        // payments.fraud still samples: its next record past the interval reports its drops.
        #expect(Self.summaries(sink).map(Self.described) == ["payments 5"])
        setup.shutdown()
        #expect(Self.summaries(sink).map(Self.described) == ["payments 5", "payments.fraud 6"])
    }

    @Test("sampling changed but still on: counting goes on, nothing is reported early")
    func samplingChangedStaysOn() throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let log = hierarchy.logger("db")
        log.sampling = try LogSampling(first: 1, per: .seconds(3600))
        for _ in 0..<5 { log.error("timeout") }
        log.sampling = try LogSampling(first: 2, per: .seconds(3600))
        #expect(Self.summaries(sink).isEmpty)
    }
}
