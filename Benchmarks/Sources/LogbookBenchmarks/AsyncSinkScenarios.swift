/// Scenario 5: the async sink to `/dev/null`: sustained records per second from one
/// and two producer tasks, and the producer's cost per call. Target: >= 2,000,000
/// records/s sustained, producer cost <= 200 ns.
enum AsyncSinkScenarios {
    static func all() -> [Scenario] {
        [
            // HOOK(issue 5): the AsyncSink rows (1 producer, 2 producers, producer cost per call) go here.
        ]
    }

    /// Rows the table lists as not yet measured, with the issue that brings them.
    static let pending = [
        "5. async sink to /dev/null, 1 and 2 producers, producer cost (issue 5: AsyncSink)"
    ]
}
