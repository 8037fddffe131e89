import Synchronization

/// A sink bound to a task tree that receives every record created in it at or above its
/// level, whatever the hierarchy's sinks and levels: the building block of
/// `LogbookTesting.LogCapture`. Taps nest (a record reaches every enclosing one); an open
/// tap is counted in ``LevelOverrides``, a closed one ignores records.
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
