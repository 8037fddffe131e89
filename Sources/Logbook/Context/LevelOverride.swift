import Synchronization

/// A level bound to a task tree for records the loggers' levels would not create, counted in
/// ``count(_:by:)`` until ``close()``; then it wants nothing and an enclosing open one applies.
/// Without a sink it is a level override (``LogContext/with(level:operation:)-9oxvr``): the
/// records reach the hierarchy's sinks. With one it is a test capture (`LogbookTesting.LogCapture`,
/// bound as the context's `tap`): the sink receives them at or above its level, whatever the
/// hierarchy says.
final class LevelOverride: Sendable {
    let level: LogLevel
    /// A capture's sink; `nil` for a level override.
    let capture: DispatchPlan.Slot?
    let parent: LevelOverride?
    private let isOpen = Atomic(true)

    init(_ level: LogLevel, capture: DispatchPlan.Slot? = nil, parent: LevelOverride?) {
        self.level = level
        self.capture = capture
        self.parent = parent
        Self.count(level, by: 1)
    }

    /// Also a new one's parent: skipping closed ones keeps a context re-bound over and over short.
    var innermostOpen: LevelOverride? {
        sequence(first: self, next: \.parent).first { $0.isOpen.load(ordering: .acquiring) }
    }

    /// An override's level: the innermost open one wins.
    var openLevel: LogLevel? { innermostOpen?.level }

    /// The lowest level this capture or an enclosing open one receives.
    var lowestOpenLevel: LogLevel? {
        sequence(first: self, next: \.parent).lazy.filter { $0.isOpen.load(ordering: .acquiring) }.map(\.level).min()
    }

    func close() {
        isOpen.store(false, ordering: .releasing)
        Self.count(level, by: -1)
    }

    /// Hands `record` to every open capture in the chain that accepts it, each sink once (even if bound twice).
    func deliver(_ record: LogRecord) {
        var written: [any LogSink] = []
        for tap in sequence(first: self, next: \.parent) where tap.isOpen.load(ordering: .acquiring) {
            guard let capture = tap.capture, capture.accepts(record) else { continue }
            if written.contains(where: { $0 === capture.sink }) { continue }
            written.append(capture.sink)
            capture.sink.write(record)
        }
    }
}
