import Foundation
import Logbook
import LogbookTesting
import Testing

@Suite struct SinkRobustnessTests {
    @Test func loggingFromManyThreadsWhileLevelsAndSinksChangeNeverCrashes() async throws {
        let hierarchy = LogHierarchy()
        let directory = TemporaryDirectory()
        let file = try FileSink(path: directory.file("app.log"), options: .init(identityCheckInterval: .zero))
        let async = AsyncSink(file, options: .init(capacity: 128, overflow: .drop(below: .error)))
        let memory = InMemorySink()
        let setup = try hierarchy.bootstrap(LogConfiguration(level: .trace, sinks: [async]))
        let log = hierarchy.logger("busy.worker")
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<6 {
                group.addTask {
                    for index in 0..<2000 { log.info("record", ["task": task, "index": index]) }
                }
            }
            group.addTask {
                let levels: [LogLevel?] = [.trace, .error, nil, .info, .critical]
                for index in 0..<400 {
                    hierarchy.logger("busy").level = levels[index % levels.count]
                    if index % 2 == 0 {
                        hierarchy.logger("busy").addSink(memory)
                    } else {
                        hierarchy.logger("busy").removeSink(memory)
                    }
                }
            }
        }
        #expect(setup.shutdown(timeout: .seconds(10)))
        log.critical("after shutdown")
        let lines = directory.lines("app.log")
        #expect(lines.allSatisfy { jsonObject($0) != nil })
        #expect(lines.last.flatMap { jsonObject($0)?["message"] as? String } == "after shutdown")
    }

    @Test func loggingWhileBootstrapRunsNeverCrashes() async throws {
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink()
        hierarchy.lastResort = lastResort
        let memory = InMemorySink()
        let log = hierarchy.logger("early")
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { for index in 0..<2000 { log.warning("early \(index)") } }
            }
            group.addTask {
                _ = try? hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [AsyncSink(memory)]))
            }
        }
        for sink in hierarchy.root.sinks { sink.flush() }
        // Each record went to exactly one place: the last resort before bootstrap, the
        // bootstrapped sink after.
        #expect(memory.records.count + lastResort.records.count == 8000)
        let counts = Dictionary((memory.records + lastResort.records).map { ($0.message, 1) }, uniquingKeysWith: +)
        #expect(counts.count == 2000 && counts.values.allSatisfy { $0 == 4 })
    }

    @Test func aFormatterThatLogsDoesNotRecurse() throws {
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink()
        hierarchy.lastResort = lastResort
        let log = hierarchy.logger("app")

        struct ChattyFormatter: LogFormatter {
            let log: Log
            func format(_ record: LogRecord, into buffer: inout LogBuffer) {
                log.error("formatting \(record.message)")
                buffer.append(record.message)
            }
        }
        let directory = TemporaryDirectory()
        let file = try FileSink(path: directory.file("app.log"), formatter: ChattyFormatter(log: log))
        log.addSink(file)
        log.info("one")
        let async = AsyncSink(file)
        log.removeSink(file)
        log.addSink(async)
        log.info("two")
        async.flush()
        #expect(directory.lines("app.log") == ["one", "two"])
        #expect(lastResort.messages == ["formatting one", "formatting two"])
    }
}
