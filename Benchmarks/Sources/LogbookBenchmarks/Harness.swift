import CBenchSupport

/// Runs a scenario's side `iterations` times. Sides are async so the context-binding
/// scenarios can measure the async scope functions; the others never suspend.
typealias Workload = (_ iterations: Int) async -> Void

/// One timed run of a workload, per operation.
struct Sample {
    var nanoseconds: Double
    var allocations: Double
}

/// The medians over every round of one side.
struct SideResult {
    var nanoseconds: Double
    var allocations: Double
    var rounds: Int

    var recordsPerSecond: Double { 1e9 / nanoseconds }
}

/// How long and how often to measure.
struct HarnessOptions {
    /// Rounds per scenario; each round runs both sides once, alternating which goes first.
    var rounds = 15
    /// The wall-clock length of one sample of one side.
    var sampleNanoseconds: Double = 20_000_000
}

enum Harness {
    /// Time spent in ``untimed(_:)`` during the current sample. Samples run one at a
    /// time, on one task.
    nonisolated(unsafe) private static var excludedNanoseconds: UInt64 = 0

    /// Runs `work` inside a workload without counting its time (a drain between chunks).
    static func untimed(_ work: () -> Void) {
        let start = bench_monotonic_nanoseconds()
        work()
        excludedNanoseconds += bench_monotonic_nanoseconds() - start
    }

    /// Starts a stretch of a workload that is not timed (setting up a scope around the
    /// timed loop); ``resumeTiming(_:)`` ends it. An `async` stretch, unlike ``untimed(_:)``.
    static func pauseTiming() -> UInt64 {
        bench_monotonic_nanoseconds()
    }

    /// Ends the untimed stretch ``pauseTiming()`` started.
    static func resumeTiming(_ paused: UInt64) {
        excludedNanoseconds += bench_monotonic_nanoseconds() - paused
    }

    /// A sample measured by another process (the zerolog peer), reported by the workload
    /// through ``reportExternal(nanoseconds:allocations:)``.
    nonisolated(unsafe) private static var externalTotals: (nanoseconds: UInt64, allocations: UInt64)?

    /// Reports the totals another process measured for the current sample: they replace
    /// this process's clock and allocation counter for it (so the round trip to the other
    /// process is not charged to it).
    static func reportExternal(nanoseconds: UInt64, allocations: UInt64) {
        externalTotals = (nanoseconds, allocations)
    }

    /// The totals reported since the last call, if any (for `--counts`, which runs
    /// workloads without ``sample(_:iterations:)``).
    static func takeExternalTotals() -> (nanoseconds: UInt64, allocations: UInt64)? {
        defer { externalTotals = nil }
        return externalTotals
    }

    /// Runs `workload` once for `iterations`, returning time and allocations per operation.
    static func sample(_ workload: Workload, iterations: Int) async -> Sample {
        excludedNanoseconds = 0
        externalTotals = nil
        let allocationsBefore = bench_allocation_count()
        let start = bench_monotonic_nanoseconds()
        await workload(iterations)
        let end = bench_monotonic_nanoseconds()
        let allocationsAfter = bench_allocation_count()
        if let external = takeExternalTotals() {
            return Sample(
                nanoseconds: Double(external.nanoseconds) / Double(iterations),
                allocations: Double(external.allocations) / Double(iterations))
        }
        return Sample(
            nanoseconds: Double(end - start - excludedNanoseconds) / Double(iterations),
            allocations: Double(allocationsAfter - allocationsBefore) / Double(iterations))
    }

    /// Warms `workload` up and returns the iteration count that fills one sample.
    static func calibrate(_ workload: Workload, options: HarnessOptions) async -> Int {
        var iterations = 8
        while true {
            let measured = await sample(workload, iterations: iterations)
            let total = measured.nanoseconds * Double(iterations)
            if total >= options.sampleNanoseconds / 8 || iterations >= 1 << 30 {
                let wanted = options.sampleNanoseconds / max(measured.nanoseconds, 0.01)
                return max(1, min(Int(wanted), 1 << 30))
            }
            iterations *= 8
        }
    }

    /// Measures both sides in alternating order, round after round, and returns the
    /// median time and allocations of each.
    static func compare(
        _ logbook: Workload,
        _ peer: Workload?,
        options: HarnessOptions
    ) async -> (logbook: SideResult, peer: SideResult?) {
        let logbookIterations = await calibrate(logbook, options: options)
        let peerIterations = await peer.asyncMap { await calibrate($0, options: options) }
        var logbookSamples: [Sample] = []
        var peerSamples: [Sample] = []
        for round in 0..<options.rounds {
            if round % 2 == 0 {
                logbookSamples.append(await sample(logbook, iterations: logbookIterations))
            }
            if let peer, let peerIterations {
                peerSamples.append(await sample(peer, iterations: peerIterations))
            }
            if round % 2 == 1 {
                logbookSamples.append(await sample(logbook, iterations: logbookIterations))
            }
        }
        return (summarize(logbookSamples), peerSamples.isEmpty ? nil : summarize(peerSamples))
    }

    static func summarize(_ samples: [Sample]) -> SideResult {
        SideResult(
            nanoseconds: median(samples.map(\.nanoseconds)),
            allocations: median(samples.map(\.allocations)),
            rounds: samples.count)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension Optional {
    func asyncMap<Mapped>(_ transform: (Wrapped) async -> Mapped) async -> Mapped? {
        guard let self else { return nil }
        return await transform(self)
    }
}
