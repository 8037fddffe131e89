import Foundation

/// A task executor with one thread of its own, for an async test that must make progress
/// while synchronous tests running alongside block the threads of the cooperative pool
/// (there are only as many as cores). Code run with it as the task executor preference
/// (`withTaskExecutorPreference(DedicatedExecutor.shared)`, `Task(executorPreference:)`)
/// runs on its thread.
final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = DedicatedExecutor()

    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs: [UnownedJob] = []

    private init() {
        Thread { [unowned self] in
            Thread.current.name = "TestExecutor"
            while true { run(nextJob()) }
        }.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func nextJob() -> UnownedJob {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty { condition.wait() }
        return jobs.removeFirst()
    }

    private func run(_ job: UnownedJob) {
        job.runSynchronously(on: asUnownedTaskExecutor())
    }
}
