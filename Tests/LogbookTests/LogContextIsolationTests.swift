import Logbook
import LogbookTesting
import Testing

/// Concurrent tasks each binding their own context never see another task's fields.
@Suite struct LogContextIsolationTests {
    static let taskCount = 1_000
    static let recordsPerTask = 100

    /// Two layers, each with its own logger, in the style of a service calling a
    /// repository. The task's id travels as an argument so every record can be checked
    /// against the id its context claims.
    struct Service {
        let log: Log
        let repository: Repository

        func handle(task: Int) async {
            // 100 records per task: 20 here and 80 in the repository, with suspension
            // points between them so tasks interleave on the executor's threads.
            for step in 0..<20 {
                log.info("service step", ["expected_task": task, "step": step])
                await repository.load(task: task, step: step)
            }
        }
    }

    struct Repository {
        let log: Log

        func load(task: Int, step: Int) async {
            await Task.yield()
            log.debug("repository read", ["expected_task": task, "step": step])
            // A nested scope in the lower layer adds to the task's context.
            await LogContext.with(["query": "orders"]) {
                log.debug("repository query", ["expected_task": task, "step": step])
                await Task.yield()
                log.debug("repository rows", ["expected_task": task, "step": step])
            }
            log.debug("repository done", ["expected_task": task, "step": step])
        }
    }

    @Test func everyRecordCarriesExactlyItsOwnTasksID() async {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        hierarchy.root.level = .trace
        let service = Service(
            log: hierarchy.logger("app.service").with(["layer": "service"]),
            repository: Repository(log: hierarchy.logger("app.service.repository")))

        await withTaskGroup(of: Void.self) { group in
            for task in 0..<Self.taskCount {
                group.addTask {
                    await LogContext.with(["task_id": task, "request_id": "r-\(task)"]) {
                        await service.handle(task: task)
                    }
                }
            }
        }

        let records = sink.records
        #expect(records.count == Self.taskCount * Self.recordsPerTask)
        var perTask = [Int](repeating: 0, count: Self.taskCount)
        var mismatches = 0
        for record in records {
            guard case .int(let expected) = record.fields["expected_task"]?.logValue,
                case .int(let bound) = record.context["task_id"]?.logValue,
                case .string(let requestID) = record.context["request_id"]?.logValue
            else {
                mismatches += 1
                continue
            }
            if bound != expected || requestID != "r-\(expected)" { mismatches += 1 }
            // The context holds this task's fields and nothing else.
            let keys = record.context.fields.map(\.key)
            let nested = ["repository query", "repository rows"].contains(record.message)
            let expectedKeys = nested ? ["task_id", "request_id", "query"] : ["task_id", "request_id"]
            if keys != expectedKeys { mismatches += 1 }
            perTask[expected] += 1
        }
        #expect(mismatches == 0)
        #expect(perTask.allSatisfy { $0 == Self.recordsPerTask })
        let layers = Set(records.map(\.logger))
        #expect(layers == ["app.service", "app.service.repository"])
        #expect(LogContext.current.isEmpty)
    }
}
