/// Renders the results as one Markdown table with every target marked met or missed.
enum Table {
    static func render(
        _ results: [ScenarioResult],
        options: HarnessOptions,
        loadBefore: String,
        loadAfter: String
    ) -> [String] {
        var lines: [String] = []
        lines.append(
            "Logbook vs swift-log 1.16.2, \(Machine.dateUTC); \(Machine.cpuModel), \(Machine.onlineCores) cores; "
                + "load average \(loadBefore) at start, \(loadAfter) at end; release build; "
                + "median of \(options.rounds) alternating rounds of \(Format.fixed(options.sampleNanoseconds / 1e6, 0)) ms each.")
        lines.append("")
        lines.append(
            "| Scenario | Logbook ns/op | swift-log ns/op | Logbook/swift-log | Logbook allocs/op "
                + "| swift-log allocs/op | Target | Result |")
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
        var met = 0
        var missed = 0
        for result in results {
            var ratio = result.ratio.map(Format.ratio) ?? "n/a"
            if result.scenario.id.hasPrefix("e2e."), let peer = result.peer {
                ratio += " (\(Format.rate(result.logbook.recordsPerSecond)) vs \(Format.rate(peer.recordsPerSecond)))"
            } else if result.scenario.id.hasPrefix("async.sustained") {
                ratio = "n/a (\(Format.rate(result.logbook.recordsPerSecond)))"
            }
            var targetText = "-"
            var verdict = "-"
            if let target = result.scenario.target {
                let evaluation = target.evaluate(result)
                targetText = target.text
                verdict = (evaluation.met ? "**met**: " : "**MISSED**: ") + evaluation.detail
                if evaluation.met { met += 1 } else { missed += 1 }
            }
            let cells = [
                result.scenario.title,
                Format.nanoseconds(result.logbook.nanoseconds),
                result.peer.map { Format.nanoseconds($0.nanoseconds) } ?? "n/a",
                ratio,
                Format.allocations(result.logbook.allocations),
                result.peer.map { Format.allocations($0.allocations) } ?? "n/a",
                targetText,
                verdict,
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("Targets: \(met) met, \(missed) missed.")
        return lines
    }
}
