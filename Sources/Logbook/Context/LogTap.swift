import Synchronization

/// A sink bound to a task tree that receives its records at or above its level, whatever the
/// hierarchy says (`LogbookTesting.LogCapture`); counted in ``LevelOverrides`` until closed.
package final class LogTap: Sendable {
    let slot: DispatchPlan.Slot
    let parent: LogTap?
    private let isOpen = Atomic(true)

    init(_ sink: any LogSink, parent: LogTap?) {
        self.slot = DispatchPlan.Slot(sink)
        self.parent = parent
        LevelOverrides.open(level)
    }

    var level: LogLevel { slot.level }

    /// The lowest level this tap or an enclosing open one receives.
    var lowestOpenLevel: LogLevel? {
        sequence(first: self, next: \.parent).lazy.filter { $0.isOpen.load(ordering: .acquiring) }.map(\.level).min()
    }

    var innermostOpen: LogTap? {
        sequence(first: self, next: \.parent).first { $0.isOpen.load(ordering: .acquiring) }
    }

    func close() {
        isOpen.store(false, ordering: .releasing)
        LevelOverrides.close(level)
    }

    /// Hands `record` to every tap in the chain that accepts it, each sink once (even if bound twice).
    func deliver(_ record: LogRecord) {
        var written: [any LogSink] = []
        for tap in sequence(first: self, next: \.parent) where tap.takes(record) {
            if written.contains(where: { $0 === tap.slot.sink }) { continue }
            written.append(tap.slot.sink)
            tap.slot.sink.write(record)
        }
    }

    private func takes(_ record: LogRecord) -> Bool {
        isOpen.load(ordering: .acquiring) && slot.accepts(record)
    }
}
