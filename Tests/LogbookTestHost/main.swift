// A scenario runner for tests that need a real process: standard error, signals,
// exit status. Tests run `LogbookTestHost <scenario> [arguments...]` and inspect what it
// printed. Each group of scenarios lives in its own file; list the groups here.

let groups: [[String: Scenario]] = [
    CoreScenarios.all,
    EnvironmentScenarios.all,
    SamplingScenarios.all,
    SinkScenarios.all,
    CorpusScenarios.all,
    FileFaultScenarios.all,
    SwiftLogScenarios.all,
    TestingScenarios.all,
    LifecycleScenarios.all,
]

var scenarios: [String: Scenario] = [:]
for group in groups {
    scenarios.merge(group) { first, _ in first }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let scenario = scenarios[name] else {
    let known = scenarios.keys.sorted().joined(separator: ", ")
    print("usage: LogbookTestHost <scenario> [arguments...]; scenarios: \(known)")
    exit(64)
}
exit(await scenario(Array(arguments.dropFirst())))
