import Foundation
import Logbook
import LogbookTesting
import Synchronization
import Testing

/// A node created as an ancestor of a longer name gets its own name only when a handle to it is
/// first made, under the hierarchy's lock. Run under `--sanitize=thread`, this reports a race if
/// any read of a name (`Log.name`, `parent`, `child`, records' `logger`) is not ordered after
/// that write.
@Suite("Logger name races")
struct LoggerNameRaceTests {
    /// Threads that start each round together, through relaxed atomics only: the barrier orders
    /// nothing, so what the walkers do after it is ordered only by the hierarchy's own locks.
    final class RelaxedBarrier: Sendable {
        private let arrived = Atomic(0)
        private let parties: Int

        init(parties: Int) { self.parties = parties }

        func arriveAndWait(round: Int) {
            arrived.wrappingAdd(1, ordering: .relaxed)
            while arrived.load(ordering: .relaxed) < parties * (round + 1) { sched_yield() }
        }
    }

    @Test("ancestors named while other threads walk up to them, log through descendants and reconfigure them")
    func ancestorsNamedConcurrently() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let initial = hierarchy.snapshot()
        let sampling = try LogSampling(first: 1, per: .milliseconds(1))
        let mismatches = SharedCounter()
        let rounds = 200
        let walkers = 4
        let barrier = RelaxedBarrier(parties: walkers)
        let done = DispatchGroup()
        func start(_ body: @escaping @Sendable () -> Void) {
            done.enter()
            Thread {
                body()
                done.leave()
            }.start()
        }
        for walker in 0..<walkers {
            start {
                for round in 0..<rounds {
                    // Every walker holds the leaf; its ancestors have no name yet.
                    let leaf = hierarchy.logger("w\(round).s0.s1.s2.s3")
                    barrier.arriveAndWait(round: round)
                    if walker == 0 {
                        // Names an ancestor by asking for it while the others walk up to it.
                        let middle = hierarchy.logger("w\(round).s0.s1")
                        if middle.name != "w\(round).s0.s1" { mismatches.increment() }
                        if middle.child("c").name != "w\(round).s0.s1.c" { mismatches.increment() }
                        continue
                    }
                    var current: Log? = leaf
                    var expected = "w\(round).s0.s1.s2.s3"
                    while let handle = current, !handle.isRoot {
                        if handle.name != expected { mismatches.increment() }
                        expected = String(expected[..<(expected.lastIndex(of: ".") ?? expected.startIndex)])
                        current = handle.parent
                    }
                }
            }
        }
        start {
            // Logs through descendants while their ancestors are created and named.
            for round in 0..<rounds {
                hierarchy.logger("w\(round).s0.s1.s2.s3.leaf").info("leaf")
            }
        }
        start {
            for round in 0..<rounds {
                hierarchy.logger("w\(round).s0").level = round % 2 == 0 ? .debug : nil
                hierarchy.logger("w\(round)").sampling = round % 3 == 0 ? sampling : nil
                if round % 50 == 49 { hierarchy.restore(initial) }
            }
        }
        done.wait()
        #expect(mismatches.value == 0)
        #expect(sink.records.allSatisfy { $0.logger.hasSuffix(".leaf") || $0.logger == "logbook" })
    }
}
