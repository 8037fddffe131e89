import Logbook

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures Logbook and swift-log side by side and prints one table.
///
///     swift run -c release --package-path Benchmarks LogbookBenchmarks [options]
///
/// Options: `--quick` (fewer, shorter rounds), `--rounds N`, `--sample-ms N`,
/// `--filter A,B` (scenario ids containing A or B), `--list`, and `--counts
/// [--iterations N] [--all]` for the allocation and instruction counts the CI check
/// reads (`--all`: every scenario, not only those the check covers).
@main
@MainActor
struct LogbookBenchmarks {
    static func main() async {
        var options = HarnessOptions()
        var filters: [String] = []
        var countsMode = false
        var countIterations = 1000
        var listOnly = false
        var countAll = false
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--quick":
                options.rounds = 5
                options.sampleNanoseconds = 8_000_000
            case "--rounds": options.rounds = max(1, Int(arguments.next() ?? "") ?? options.rounds)
            case "--sample-ms":
                options.sampleNanoseconds = (Double(arguments.next() ?? "") ?? 20) * 1_000_000
            case "--filter": filters += (arguments.next() ?? "").split(separator: ",").map(String.init)
            case "--counts": countsMode = true
            case "--iterations": countIterations = max(1, Int(arguments.next() ?? "") ?? countIterations)
            case "--list": listOnly = true
            case "--all": countAll = true
            default:
                Report.progress("unknown option \(argument); see Benchmarks/README.md")
                exit(2)
            }
        }

        Report.redirectStandardOutputToDevNull()
        do {
            // The application's setup: the root at info, writing to a sink that drops
            // records. Scenarios that write bytes attach their own sink below the root.
            // BENCH_FIELD_PROVIDER=1 adds scenario 7's provider to every record, so the
            // provider's instructions per record are the difference of two counts runs.
            let providers = getenv("BENCH_FIELD_PROVIDER").map { $0.pointee != 0 } == true ? [ProviderScenarios.provider] : []
            try Log.bootstrap(level: .info, sinks: [DiscardingSink()], fieldProviders: providers)
        } catch {
            Report.progress("bootstrap failed: \(error)")
            exit(2)
        }

        var scenarios =
            DisabledScenarios.all() + EnabledScenarios.all() + FormattingScenarios.all()
            + EndToEndScenarios.all() + AsyncSinkScenarios.all() + ContextBindingScenarios.all()
            + PressureScenarios.all()
            + ProviderScenarios.all() + RedactionScenarios.all()
            + FormatterComparisonScenarios.all() + EndToEndZerologScenarios.all()
        if !filters.isEmpty {
            scenarios = scenarios.filter { scenario in filters.contains { scenario.id.contains($0) } }
        }
        if listOnly {
            for scenario in scenarios { Report.line("\(scenario.id)\t\(scenario.title)") }
            return
        }
        if countsMode {
            await CountsMode.run(scenarios.filter { countAll || $0.checkedInCI }, iterations: countIterations)
            return
        }

        let loadBefore = Machine.loadAverage
        var results: [ScenarioResult] = []
        for scenario in scenarios {
            Report.progress("measuring \(scenario.id)")
            scenario.prepare()
            let measured = await Harness.compare(scenario.logbook, scenario.peer, options: options)
            results.append(ScenarioResult(scenario: scenario, logbook: measured.logbook, peer: measured.peer))
        }
        for line in Table.render(results, options: options, loadBefore: loadBefore, loadAfter: Machine.loadAverage)
        {
            Report.line(line)
        }
    }
}
