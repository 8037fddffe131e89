#if ServiceLifecycle
import Logbook
import LogbookServiceLifecycle
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// `LogbookService` in a `ServiceGroup`: drains last, without blocking the pool.
@Suite("LogbookService (swift-service-lifecycle)")
struct LogbookServiceTests {
    /// Counts records, slowly (a destination that cannot keep up), so records are still
    /// queued in the `AsyncSink` when the group shuts down.
    final class SlowCountingSink: LogSink {
        let written = Atomic(0)
        let lastMessage = Mutex("")

        func write(_ record: LogRecord) {
            for _ in 0..<2_000 { _ = written.load(ordering: .relaxed) }
            written.add(1, ordering: .relaxed)
            lastMessage.withLock { $0 = record.message }
        }
    }

    /// Logs without pause until graceful shutdown, then logs one last record.
    final class LoadService: Service {
        let log: Log
        /// Records still queued when this service stopped, read through `backlog`.
        let backlog: @Sendable () -> Int
        let sent = Atomic(0)
        let backlogAtStop = Atomic(0)

        init(log: Log, backlog: @escaping @Sendable () -> Int) {
            self.log = log
            self.backlog = backlog
        }

        func run() async throws {
            var count = 0
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                log.info("load", ["seq": count])
                count += 1
                if count % 256 == 0 { await Task.yield() }
            }
            log.info("load service stopped")
            sent.store(count + 1, ordering: .relaxed)
            backlogAtStop.store(backlog(), ordering: .relaxed)
        }
    }

    @Test("graceful shutdown: the load service stops first, then LogbookService drains: sent = written")
    func drainsLast() async throws {
        let hierarchy = LogHierarchy()
        let slow = SlowCountingSink()
        let async = AsyncSink(slow, options: .init(capacity: 50_000))
        // Up to 50,000 records are queued at the shutdown: about 0.75 s of draining in CI,
        // but several seconds on a busy machine, against the default 5 s deadline. What is
        // checked is the order and that nothing is lost, so the drain gets 60 s.
        let setup = try hierarchy.bootstrap(
            LogConfiguration(level: .info, sinks: [async], shutdownTimeout: .seconds(60)))
        let load = LoadService(log: hierarchy.logger("load")) { async.acceptedCount - async.writtenCount }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: LogbookService(setup)), .init(service: load)],
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(300))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let sent = load.sent.load(ordering: .relaxed)
        #expect(sent > 1)
        // Records were still queued when the load service stopped: the drain had work to do.
        #expect(load.backlogAtStop.load(ordering: .relaxed) > 0)
        // No flush here: the service drained the queue before the group returned.
        #expect(slow.written.load(ordering: .relaxed) == sent)
        #expect(slow.lastMessage.withLock { $0 } == "load service stopped")
        #expect(async.droppedAtShutdownCount == 0)
    }

    @Test("two LogbookServices in one group, then a third drain: each drain ends, every record written once")
    func runTwice() async throws {
        let hierarchy = LogHierarchy()
        let slow = SlowCountingSink()
        let async = AsyncSink(slow)
        let setup = try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [async]))
        let log = hierarchy.logger("app")
        for seq in 0..<2_000 { log.info("queued", ["seq": seq]) }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: LogbookService(setup)), .init(service: LogbookService(setup))],
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(50))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(slow.written.load(ordering: .relaxed) == 2_000)
        log.info("after the drains")
        #expect(await setup.shutdownOffThePool())
        #expect(slow.written.load(ordering: .relaxed) == 2_001, "a record after the drain is written directly")
        #expect(async.droppedAtShutdownCount == 0)
    }

    @Test("cancellation also drains")
    func cancellationDrains() async throws {
        let hierarchy = LogHierarchy()
        let slow = SlowCountingSink()
        let async = AsyncSink(slow)
        let setup = try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [async]))
        let log = hierarchy.logger("app")
        for seq in 0..<5_000 { log.info("queued", ["seq": seq]) }
        let task = Task { try await LogbookService(setup).run() }
        task.cancel()
        try await task.value
        #expect(slow.written.load(ordering: .relaxed) == 5_000)
    }
}
#endif
