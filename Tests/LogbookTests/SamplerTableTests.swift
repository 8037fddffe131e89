import Logbook
import Testing

/// The call-site table of one logger's sampler, driven with explicit clock readings.
@Suite("Sampling: the call-site table stays bounded")
struct SamplerTableTests {
    private static let second: Int64 = 1_000_000_000

    private static func sampler() throws -> LogSampler {
        LogSampler(logger: "relay", policy: try LogSampling(first: 1, per: .seconds(1)))
    }

    @Test("100,000 call sites one after another, each alone in its interval: the table stays small")
    func forgetsFinishedCallSites() throws {
        let sampler = try Self.sampler()
        // A process that re-logs records from elsewhere with their own file and line: every
        // record is a new call site, and each one's interval is over when the next comes.
        for site in 0..<100_000 {
            let (decision, summaries) = sampler.admit(
                file: "Remote/Client.swift", line: UInt(site), level: .info, now: Int64(site) * 2 * Self.second)
            #expect(decision == .pass)
            #expect(summaries == nil)
        }
        // It held every call site ever seen: 100,000 groups in 262,144 slots.
        #expect(sampler.groupCount <= 16)
        #expect(sampler.tableCapacity <= 64)
    }

    @Test("call sites seen within one interval are all kept, so each is still counted exactly")
    func keepsCallSitesOfTheInterval() throws {
        let sampler = try Self.sampler()
        for round in 0..<2 {
            for site in 0..<1_000 {
                let (decision, _) = sampler.admit(
                    file: "App.swift", line: UInt(site), level: .info, now: Int64(round) * 1_000 + Int64(site))
                #expect(decision == (round == 0 ? .pass : .dropNeedingMessage))
                if round == 1 { sampler.noteMessage("m\(site)", file: "App.swift", line: UInt(site), level: .info) }
            }
        }
        #expect(sampler.groupCount == 1_000)
        let summaries = sampler.takeAllSummaries()
        #expect(summaries.count == 1_000)
        #expect(summaries.allSatisfy { $0.suppressed == 1 && $0.message.hasPrefix("m") })
    }

    @Test("a call site with drops not yet reported is kept until its summary is taken")
    func keepsUnreportedDrops() throws {
        let sampler = try Self.sampler()
        #expect(sampler.admit(file: "A.swift", line: 1, level: .error, now: 0).0 == .pass)
        #expect(sampler.admit(file: "A.swift", line: 1, level: .error, now: 1).0 == .dropNeedingMessage)
        // Its message is still being evaluated while 1,000 other call sites, long after its
        // interval ended, fill the table more than once over.
        for site in 0..<1_000 {
            _ = sampler.admit(file: "B.swift", line: UInt(site), level: .info, now: (2 + Int64(site)) * Self.second)
        }
        sampler.noteMessage("charge failed", file: "A.swift", line: 1, level: .error)
        let (decision, summaries) = sampler.admit(file: "C.swift", line: 1, level: .info, now: 5_000 * Self.second)
        #expect(decision == .pass)
        let summary = try #require(summaries?.first)
        #expect(summaries?.count == 1)
        #expect(summary.suppressed == 1 && summary.message == "charge failed" && summary.level == .error)
        #expect(sampler.groupCount <= 16)
    }

    @Test("takeAllSummaries takes every drop, also one whose message is still being evaluated, and only once")
    func takeAllSummariesTakesDropsWithoutMessage() throws {
        let sampler = try Self.sampler()
        #expect(sampler.admit(file: "A.swift", line: 1, level: .error, now: 0).0 == .pass)
        #expect(sampler.admit(file: "A.swift", line: 1, level: .error, now: 1).0 == .dropNeedingMessage)
        #expect(sampler.admit(file: "B.swift", line: 2, level: .info, now: 2).0 == .pass)
        #expect(sampler.admit(file: "B.swift", line: 2, level: .info, now: 3).0 == .dropNeedingMessage)
        #expect(sampler.admit(file: "B.swift", line: 2, level: .info, now: 4).0 == .drop)
        sampler.noteMessage("cache miss", file: "B.swift", line: 2, level: .info)
        // A's dropping call has not noted its message yet (a shutdown while it evaluates).
        let summaries = sampler.takeAllSummaries().sorted { $0.suppressed < $1.suppressed }
        #expect(summaries.map(\.suppressed) == [1, 2])
        #expect(summaries.map(\.message) == ["", "cache miss"])
        #expect(summaries.map(\.level) == [.error, .info])
        #expect(sampler.takeAllSummaries().isEmpty, "their drops count from zero")
        // Nothing is left due: the next record, long after both intervals, brings no summary.
        #expect(sampler.admit(file: "C.swift", line: 3, level: .info, now: 10 * Self.second).1 == nil)
    }

    @Test("a forgotten call site starts afresh: its first records of a new interval pass again")
    func forgottenCallSiteStartsAfresh() throws {
        let sampler = try Self.sampler()
        #expect(sampler.admit(file: "A.swift", line: 7, level: .info, now: 0).0 == .pass)
        for site in 0..<1_000 {
            _ = sampler.admit(file: "B.swift", line: UInt(site), level: .info, now: (2 + Int64(site)) * Self.second)
        }
        let later = 2_000 * Self.second
        #expect(sampler.admit(file: "A.swift", line: 7, level: .info, now: later).0 == .pass)
        #expect(sampler.admit(file: "A.swift", line: 7, level: .info, now: later + 1).0 == .dropNeedingMessage)
    }
}
