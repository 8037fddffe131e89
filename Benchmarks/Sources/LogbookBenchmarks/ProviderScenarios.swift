import Logbook
import LogbookTesting

/// Scenario 7: what a field provider adds to an enabled record. Providers are
/// hierarchy-wide, so each side runs its samples inside its own scoped bootstrap of the
/// same setup (the root at info, a sink that drops records): with one provider returning
/// two fields, and with none. The scope's set-up and restore are not timed (their
/// allocations, the same on both sides, are counted); the difference is the provider's.
enum ProviderScenarios {
    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let spanID = "00f067aa0ba902b7"

    /// One provider returning two fields, as a trace-context provider does.
    static let provider = LogFieldProvider(name: "trace") { ["trace_id": traceID, "span_id": spanID] }

    static func all() -> [Scenario] {
        let log = Log("bench.provider")
        func configuration(_ providers: [LogFieldProvider]) -> LogConfiguration {
            LogConfiguration(level: .info, sinks: [DiscardingSink()], fieldProviders: providers)
        }
        func scoped(_ providers: [LogFieldProvider]) -> Workload {
            { iterations in
                // Only the loop is timed: the scope's set-up and restore are not.
                var paused = Harness.pauseTiming()
                _ = try? await withScopedLogBootstrap(configuration(providers)) {
                    Harness.resumeTiming(paused)
                    for _ in 0..<iterations {
                        log.info("request completed")
                    }
                    paused = Harness.pauseTiming()
                }
                Harness.resumeTiming(paused)
            }
        }
        return [
            // The "swift-log" column of this row holds Logbook without a provider.
            Scenario(
                id: "enabled.provider2-vs-none",
                title: "7. enabled, one provider of 2 fields vs none (peer column: Logbook without providers)",
                logbook: scoped([provider]),
                peer: scoped([]),
                target: Target(criteria: [.differenceAtMost(60)], text: "<= 60 ns more per record"),
                // The scoped bootstrap awaits a lock; callgrind 3.19 crashes on such a hop.
                runsUnderValgrind: false)
        ]
    }
}
