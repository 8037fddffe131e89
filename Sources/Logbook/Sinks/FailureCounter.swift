import Synchronization

/// Counts a sink's failures and reports the first one, so a broken destination is
/// noticed once instead of flooding standard error on every record.
struct FailureCounter: ~Copyable, Sendable {
    private let failures = Atomic(0)
    /// What follows the first report: what the sink does now and where it counts the rest.
    private let consequence: String
    private let report: @Sendable (String) -> Void

    init(consequence: String, report: @escaping @Sendable (String) -> Void) {
        self.consequence = consequence
        self.report = report
    }

    /// The failures counted so far.
    var count: Int { failures.load(ordering: .relaxed) }

    /// Counts a failure; the first is reported as `problem. consequence`.
    func record(_ problem: @autoclosure () -> String) {
        guard failures.add(1, ordering: .relaxed).oldValue == 0 else { return }
        report(problem() + ". " + consequence)
    }
}
