import Synchronization

/// Counts a sink's failures (or the records that reached the last resort) and reports only the
/// first, so a broken destination does not flood standard error.
package struct FailureCounter: ~Copyable, Sendable {
    private let failures = Atomic(0)
    /// What follows the first report: what the sink does now and where it counts the rest.
    private let consequence: String
    private let report = LockedState<@Sendable (String) -> Void>(StandardErrorLastResort.report)

    init(consequence: String) {
        self.consequence = consequence
    }

    var count: Int { failures.load(ordering: .relaxed) }

    /// Reports the first failure through `report` instead of on standard error.
    package func reportFirst(to report: @escaping @Sendable (String) -> Void) {
        self.report.withLock { $0 = report }
    }

    /// Counts a failure; the first is reported as `problem. consequence`.
    func record(_ problem: @autoclosure () -> String) {
        guard failures.add(1, ordering: .relaxed).oldValue == 0 else { return }
        report.withLock { $0 }(problem() + ". " + consequence)
    }
}
