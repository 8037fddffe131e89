import Synchronization

/// A sink bound to a task tree, next to its context fields, that receives every record
/// created in that tree at or above its level, whatever the hierarchy's sinks and levels.
///
/// The building block of `LogbookTesting.LogCapture`: a test's records reach its own
/// in-memory sink and no other test's, even when tests run in parallel. Taps nest: a
/// record reaches the innermost tap and every enclosing one. A closed tap (its scope
/// ended) ignores records, so a context captured inside the scope and re-bound after it
/// cannot feed a finished test. An open tap is counted in ``LevelOverrides``.
package final class LogTap: Sendable {
    let slot: DispatchPlan.Slot
    let parent: LogTap?
    private let isOpen = Atomic(true)

    init(_ sink: any LogSink, parent: LogTap?) {
        self.slot = DispatchPlan.Slot(sink)
        self.parent = parent
        LevelOverrides.open(level)
    }

    /// The lowest level the tap receives: its sink's level.
    var level: LogLevel { slot.level }

    /// The lowest level this tap or an enclosing open one receives, or `nil` when all
    /// are closed.
    var lowestOpenLevel: LogLevel? {
        var lowest: LogLevel?
        var current: LogTap? = self
        while let tap = current {
            if tap.isOpen.load(ordering: .acquiring) { lowest = lowest.map { min($0, tap.level) } ?? tap.level }
            current = tap.parent
        }
        return lowest
    }

    /// Stops receiving records.
    func close() {
        isOpen.store(false, ordering: .releasing)
        LevelOverrides.close(level)
    }

    /// Hands `record` to this tap and every enclosing one that accepts it.
    func deliver(_ record: LogRecord) {
        var current: LogTap? = self
        while let tap = current {
            if tap.isOpen.load(ordering: .acquiring) && tap.slot.accepts(record) {
                tap.slot.sink.write(record)
            }
            current = tap.parent
        }
    }
}
