import Dispatch
import Foundation
import Logbook
import LogbookTesting
import Testing

/// Which tasks and threads inherit the context, and capturing and re-binding it where
/// they do not.
@Suite struct LogContextPropagationTests {
    /// A logger in a private hierarchy that keeps its records.
    struct Harness {
        let sink = InMemorySink()
        let log: Log

        init() {
            let hierarchy = LogHierarchy()
            log = hierarchy.logger("propagation")
            log.level = .trace
            log.addSink(sink)
        }

        /// The string value of `key` in the record with `message`, from the record's
        /// captured context.
        func contextValue(_ key: String, inRecord message: String) -> String? {
            guard let record = sink.records.first(where: { $0.message == message }) else { return nil }
            return record.context[key].map { "\($0.logValue)" }
        }
    }

    /// Runs `body` on a new `Thread` (outside any task) and returns its result.
    static func onNewThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    /// Runs `body` on a global Dispatch queue and returns its result.
    static func onDispatchQueue<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    static func currentValue(_ key: String) -> String? {
        LogContext.current[key].map { "\($0.logValue)" }
    }

    // MARK: Inherited

    @Test func asyncLetInheritsTheContext() async {
        let harness = Harness()
        await LogContext.with(["request_id": "r-async-let"]) {
            async let first: String? = {
                harness.log.info("first child")
                return Self.currentValue("request_id")
            }()
            async let second: String? = {
                await Task.yield()
                harness.log.info("second child")
                return Self.currentValue("request_id")
            }()
            let seen = await [first, second]
            #expect(seen == ["r-async-let", "r-async-let"])
        }
        #expect(harness.contextValue("request_id", inRecord: "first child") == "r-async-let")
        #expect(harness.contextValue("request_id", inRecord: "second child") == "r-async-let")
    }

    @Test func taskGroupChildrenInheritTheContext() async {
        let harness = Harness()
        let seen = await LogContext.with(["request_id": "r-group"]) {
            await withTaskGroup(of: String?.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        await Task.yield()
                        harness.log.info("child \(index)")
                        return Self.currentValue("request_id")
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(seen == Array(repeating: "r-group", count: 8))
        #expect(harness.sink.records.count == 8)
        for record in harness.sink.records {
            #expect(record.context["request_id"]?.logValue == "r-group")
        }
    }

    @Test func taskGroupChildrenAddedInsideAScopeInTheGroupBodyInheritThatScope() async {
        let seen = await withTaskGroup(of: String?.self) { group in
            for index in 0..<4 {
                LogContext.with(["item": "i-\(index)"]) {
                    group.addTask { Self.currentValue("item") }
                }
            }
            return await group.reduce(into: Set<String?>()) { $0.insert($1) }
        }
        #expect(seen == ["i-0", "i-1", "i-2", "i-3"])
    }

    @Test func unstructuredTaskInheritsTheContextAtCreation() async {
        let harness = Harness()
        let task = LogContext.with(["request_id": "r-task"]) {
            Task {
                // Runs after the scope that created it has ended.
                await Task.yield()
                harness.log.info("in unstructured task")
                return Self.currentValue("request_id")
            }
        }
        #expect(LogContext.current.isEmpty)
        #expect(await task.value == "r-task")
        #expect(harness.contextValue("request_id", inRecord: "in unstructured task") == "r-task")
    }

    // MARK: Not inherited

    @Test func detachedTaskDoesNotInheritTheContext() async {
        let harness = Harness()
        let seen = await LogContext.with(["request_id": "r-detached"]) {
            await Task.detached {
                harness.log.info("in detached task")
                return LogContext.current.isEmpty
            }.value
        }
        #expect(seen)
        #expect(harness.sink.records.count == 1)
        #expect(harness.sink.records.first?.context.isEmpty == true)
    }

    @Test func threadDoesNotInheritTheContext() async {
        let harness = Harness()
        let seen = await LogContext.with(["request_id": "r-thread"]) {
            await Self.onNewThread {
                harness.log.info("on a thread")
                return LogContext.current.isEmpty
            }
        }
        #expect(seen)
        #expect(harness.sink.records.first?.context.isEmpty == true)
    }

    @Test func dispatchQueueDoesNotInheritTheContext() async {
        let seen = await LogContext.with(["request_id": "r-queue"]) {
            await Self.onDispatchQueue { LogContext.current.isEmpty }
        }
        #expect(seen)
    }

    // MARK: Captured and re-bound

    @Test func capturedContextRebindsOnAThread() async {
        let harness = Harness()
        let (inside, after) = await LogContext.with(["request_id": "r-thread", "user_id": "u-1"]) {
            let context = LogContext.current
            return await Self.onNewThread {
                let inside = LogContext.with(context) {
                    LogContext.with(["worker": "thread"]) {
                        harness.log.info("re-bound on a thread")
                    }
                    return Self.currentValue("request_id")
                }
                // Leaving the scope restores the thread's own (empty) context.
                return (inside, LogContext.current.isEmpty)
            }
        }
        #expect(inside == "r-thread")
        #expect(after)
        #expect(harness.contextValue("request_id", inRecord: "re-bound on a thread") == "r-thread")
        #expect(harness.contextValue("user_id", inRecord: "re-bound on a thread") == "u-1")
        #expect(harness.contextValue("worker", inRecord: "re-bound on a thread") == "thread")
    }

    @Test func capturedContextRebindsOnADispatchQueue() async {
        let harness = Harness()
        let after = await LogContext.with(["request_id": "r-queue"]) {
            let context = LogContext.current
            return await Self.onDispatchQueue {
                LogContext.with(context) { harness.log.info("re-bound on a queue") }
                return LogContext.current.isEmpty
            }
        }
        #expect(after)
        #expect(harness.contextValue("request_id", inRecord: "re-bound on a queue") == "r-queue")
    }

    @Test func capturedContextRebindsInADetachedTask() async {
        let harness = Harness()
        let seen = await LogContext.with(["request_id": "r-detached"]) {
            let context = LogContext.current
            return await Task.detached {
                await LogContext.with(context) {
                    await Task.yield()
                    harness.log.info("re-bound in a detached task")
                    // Children of the re-bound scope inherit it as usual.
                    async let child = Self.currentValue("request_id")
                    return await child
                }
            }.value
        }
        #expect(seen == "r-detached")
        #expect(harness.contextValue("request_id", inRecord: "re-bound in a detached task") == "r-detached")
    }

    // MARK: Captured when the record is created

    @Test func recordsKeepTheContextTheyWereCreatedIn() async {
        let harness = Harness()
        harness.log.info("before")
        await LogContext.with(["phase": "outer"]) {
            harness.log.info("outer")
            await LogContext.with(["phase": "inner"]) {
                await Task.yield()
                harness.log.info("inner")
            }
            harness.log.info("outer again")
        }
        harness.log.info("after")
        let phases = harness.sink.records.map { $0.context["phase"].map { "\($0.logValue)" } ?? "-" }
        #expect(harness.sink.messages == ["before", "outer", "inner", "outer again", "after"])
        #expect(phases == ["-", "outer", "inner", "outer", "-"])
    }
}
