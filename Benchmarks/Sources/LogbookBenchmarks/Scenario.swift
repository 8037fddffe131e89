/// One row of the table: a Logbook workload, the swift-log workload it is compared
/// with (if swift-log has an equivalent), and the target the row must meet.
struct Scenario {
    /// A stable identifier, used by `--filter` and by the CI regression check.
    let id: String
    /// The issue's scenario number and a short description.
    let title: String
    let logbook: Workload
    let peer: Workload?
    let target: Target?
    /// Whether the CI regression check counts this scenario's allocations (and
    /// instructions under callgrind).
    let checkedInCI: Bool
    /// Runs before the scenario's rounds (to set `TZ`, say).
    let prepare: () -> Void
    /// Whether the peer's side can run under valgrind (it crashes valgrind 3.19 in one
    /// async scenario); counts mode skips it there.
    let peerRunsUnderValgrind: Bool
    /// Whether the scenario can run under valgrind at all (the async sink's background
    /// thread crashes valgrind 3.19); counts mode skips it there.
    let runsUnderValgrind: Bool

    init(
        id: String,
        title: String,
        logbook: @escaping Workload,
        peer: Workload? = nil,
        target: Target? = nil,
        checkedInCI: Bool = false,
        peerRunsUnderValgrind: Bool = true,
        runsUnderValgrind: Bool = true,
        prepare: @escaping () -> Void = {}
    ) {
        self.id = id
        self.title = title
        self.logbook = logbook
        self.peer = peer
        self.target = target
        self.checkedInCI = checkedInCI
        self.prepare = prepare
        self.peerRunsUnderValgrind = peerRunsUnderValgrind
        self.runsUnderValgrind = runsUnderValgrind
    }
}

/// The measured medians of one scenario.
struct ScenarioResult {
    let scenario: Scenario
    let logbook: SideResult
    let peer: SideResult?

    /// Logbook's time over swift-log's: below 1 means Logbook is faster.
    var ratio: Double? {
        peer.map { logbook.nanoseconds / $0.nanoseconds }
    }
}

/// What a row must show, as a list of criteria that must all hold.
struct Target {
    enum Criterion {
        /// Logbook's time is at most this multiple of swift-log's.
        case ratioAtMost(Double)
        /// Logbook's throughput is at least this multiple of swift-log's.
        case throughputAtLeast(Double)
        /// Logbook allocates nothing per operation.
        case noAllocations
        /// Logbook's time per operation is at most this many nanoseconds.
        case nanosecondsAtMost(Double)
        /// Logbook handles at least this many operations per second.
        case recordsPerSecondAtLeast(Double)
        /// Logbook's time per operation exceeds the peer column's by at most this many
        /// nanoseconds (for rows whose peer column is Logbook itself, configured otherwise).
        case differenceAtMost(Double)
    }

    let criteria: [Criterion]
    /// The target as the issue states it.
    let text: String

    /// Whether every criterion holds, and a short account of each.
    func evaluate(_ result: ScenarioResult) -> (met: Bool, detail: String) {
        var met = true
        var details: [String] = []
        for criterion in criteria {
            let (holds, detail) = evaluate(criterion, result)
            met = met && holds
            details.append(detail)
        }
        return (met, details.joined(separator: "; "))
    }

    private func evaluate(
        _ criterion: Criterion, _ result: ScenarioResult
    ) -> (Bool, String) {
        switch criterion {
        case .ratioAtMost(let limit):
            guard let ratio = result.ratio else { return (false, "no peer") }
            return (ratio <= limit, "\(Format.ratio(ratio)) \(ratio <= limit ? "<=" : ">") \(Format.ratio(limit))")
        case .throughputAtLeast(let limit):
            guard let ratio = result.ratio else { return (false, "no peer") }
            let throughput = 1 / ratio
            let holds = throughput >= limit
            return (holds, "\(Format.fixed(throughput, 1))x throughput \(holds ? ">=" : "<") \(Format.fixed(limit, 0))x")
        case .noAllocations:
            let holds = result.logbook.allocations < 0.005
            return (holds, holds ? "0 allocs" : "\(Format.fixed(result.logbook.allocations, 2)) allocs")
        case .nanosecondsAtMost(let limit):
            let holds = result.logbook.nanoseconds <= limit
            return (holds, "\(Format.fixed(result.logbook.nanoseconds, 0)) ns \(holds ? "<=" : ">") \(Format.fixed(limit, 0)) ns")
        case .differenceAtMost(let limit):
            guard let peer = result.peer else { return (false, "no peer") }
            let difference = result.logbook.nanoseconds - peer.nanoseconds
            let holds = difference <= limit
            return (holds, "\(Format.fixed(difference, 1)) ns more \(holds ? "<=" : ">") \(Format.fixed(limit, 0)) ns")
        case .recordsPerSecondAtLeast(let limit):
            let rate = result.logbook.recordsPerSecond
            let holds = rate >= limit
            return (holds, "\(Format.rate(rate)) \(holds ? ">=" : "<") \(Format.rate(limit))")
        }
    }
}
