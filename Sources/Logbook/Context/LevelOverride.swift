import Synchronization

/// A minimum-level override bound to a task tree by ``LogContext/with(level:operation:)-9oxvr``,
/// on the scope chain. Open, and counted in ``LevelOverrides``, until ``close()``; a closed one
/// admits nothing and an enclosing open one applies.
final class LevelOverride: Sendable {
    let level: LogLevel
    let parent: LevelOverride?
    private let isOpen = Atomic(true)

    init(_ level: LogLevel, parent: LevelOverride?) {
        self.level = level
        self.parent = parent
        LevelOverrides.open(level)
    }

    var openLevel: LogLevel? { innermostOpen?.level }

    /// Also the parent of a new override: a closed one never reopens, and leaving it out keeps
    /// a context re-bound over and over from chaining every override it ever held.
    var innermostOpen: LevelOverride? {
        var current: LevelOverride? = self
        while let override = current, !override.isOpen.load(ordering: .acquiring) { current = override.parent }
        return current
    }

    func close() {
        isOpen.store(false, ordering: .releasing)
        LevelOverrides.close(level)
    }
}
