import Logbook
import LogbookTesting
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("level changes while 8 tasks log: no crash, no torn state, and the final level holds")
    func levelChangesWhileLogging() async {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let emitted = SharedCounter()
        let stop = SharedFlag()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let log = hierarchy.logger("svc.part\(task % 3).leaf")
                    for index in 0..<5_000 {
                        log.debug("debug", ["task": task, "index": index])
                        emitted.increment()
                    }
                }
            }
            group.addTask {
                var toggle = false
                while !stop.isSet && emitted.value < 40_000 {
                    hierarchy.logger("svc").level = toggle ? .debug : .error
                    hierarchy.logger("svc.part1").level = toggle ? nil : .trace
                    hierarchy.logger("svc.part2").propagates = toggle
                    toggle.toggle()
                    await Task.yield()
                }
            }
            await group.next()
            stop.set()
        }
        let records = sink.records
        #expect(records.count <= 40_000)
        #expect(records.allSatisfy { $0.level == .debug && $0.message == "debug" && $0.fieldCount == 2 })
        // Settle on a known configuration: everything at debug, propagating.
        hierarchy.logger("svc").level = .debug
        hierarchy.logger("svc.part1").level = nil
        hierarchy.logger("svc.part2").propagates = true
        sink.removeAll()
        for part in 0..<3 { hierarchy.logger("svc.part\(part).leaf").debug("after") }
        #expect(sink.messages == ["after", "after", "after"])
    }

    @Test("loggers created concurrently under one name are one node")
    func concurrentCreation() async {
        let hierarchy = LogHierarchy()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        _ = hierarchy.logger("deep.\(index % 10).node\(task % 2)")
                    }
                }
            }
        }
        let sink = InMemorySink()
        hierarchy.logger("deep.3").addSink(sink)
        hierarchy.logger("deep.3.node1").info("one node")
        #expect(sink.messages == ["one node"])
        #expect(hierarchy.logger("deep.3.node1").parent?.name == "deep.3")
    }
}
