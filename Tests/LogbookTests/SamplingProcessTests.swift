import Foundation
import Testing

/// Sampling configured by `LOG_SAMPLING` in a real process: runs the `sampling-storm`
/// scenario of `LogbookTestHost`.
@Suite struct SamplingProcessTests {
    @Test(
        "LOG_SAMPLING=10:100/10s: 59 of 5,000 identical errors, summaries adding up to 4,941, every distinct message, the next interval's record"
    )
    func stormIsSampledAndAccounted() async throws {
        // The interval is 10 s so that the storm always fits in it: 5,000 calls took up to
        // 1,090 ms under the thread sanitizer on a busy machine (a 1 s interval failed).
        // The pause after the storm outlasts the interval.
        let outcome = try await TestHost.run(
            "sampling-storm", ["10.3"], environment: ["LOG_SAMPLING": "10:100/10s", "LOG_FORMAT": "json"],
            inheritsEnvironment: false)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let milliseconds = outcome.errorLines.first { $0.hasPrefix("storm-milliseconds: ") }
            .flatMap { Int($0.dropFirst("storm-milliseconds: ".count)) }
        let stormTime = try #require(milliseconds)
        try #require(stormTime < 10_000, "the storm must fit in one interval for the counts below to hold")

        let entries = try JSONCheck.parse(outcome.outputLines).map(\.object)
        let errors = entries.filter { $0["logger"] as? String == "payments" && $0["level"] as? String == "error" }
        let attempts = errors.compactMap { $0["attempt"] as? Int }
        #expect(attempts.filter { $0 <= 5_000 }.count == 59)
        #expect(attempts.filter { $0 <= 5_000 } == Array(1...10) + stride(from: 110, through: 4_910, by: 100))
        #expect(attempts.last == 5_001, "the next interval's record")

        let summaries = entries.filter { $0["logger"] as? String == "logbook" }
        #expect(!summaries.isEmpty)
        #expect(summaries.compactMap { $0["suppressed"] as? Int }.reduce(0, +) == 4_941)
        for summary in summaries {
            #expect(summary["level"] as? String == "warning")
            #expect(summary["fields.logger"] as? String == "payments")
            #expect(summary["fields.level"] as? String == "error")
            #expect(summary["fields.message"] as? String == "charge failed")
        }
        let infos = entries.filter { $0["level"] as? String == "info" }.compactMap { $0["message"] as? String }
        #expect(infos == (0..<50).map { "distinct message \($0)" })
        // Order: the summary comes before the record that ended its interval.
        let lastSummary = try #require(entries.lastIndex { $0["logger"] as? String == "logbook" })
        let lastError = try #require(entries.lastIndex { $0["attempt"] as? Int == 5_001 })
        #expect(lastSummary < lastError)
    }

    @Test("a process that returns from main reports the records sampling dropped in the interval still open")
    func exitWritesPendingSummary() async throws {
        let outcome = try await TestHost.run(
            "sampling-exit", environment: ["LOG_SAMPLING": "10:100/1h", "LOG_FORMAT": "json"],
            inheritsEnvironment: false)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let entries = try JSONCheck.parse(outcome.outputLines).map(\.object)
        let attempts = entries.compactMap { $0["attempt"] as? Int }
        #expect(attempts == Array(1...10))
        let summaries = entries.filter { $0["logger"] as? String == "logbook" }
        // 50 logged, the first 10 written, the 110th never reached: 40 suppressed.
        #expect(summaries.compactMap { $0["suppressed"] as? Int } == [40])
        #expect(entries.last?["logger"] as? String == "logbook", "the summary comes after the records it counts")
    }

    @Test("LOG_SAMPLING=lots fails bootstrap naming the variable, the value and the accepted form")
    func badValueFailsBootstrap() async throws {
        let outcome = try await TestHost.run(
            "bootstrap-environment", environment: ["LOG_SAMPLING": "lots"], inheritsEnvironment: false)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("LOG_SAMPLING=\"lots\" is invalid"))
        #expect(outcome.standardError.contains("expected N:M/INTERVAL or N/INTERVAL"))
        #expect(outcome.standardOutput.isEmpty, "nothing is logged")
    }
}
