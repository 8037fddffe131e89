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

    /// The level of ``innermostOpen``.
    var openLevel: LogLevel? { innermostOpen?.level }

    /// The innermost open override in this chain, also the parent of a new one: a closed one
    /// never reopens, and leaving it out keeps a context re-bound over and over from chaining
    /// every override it ever held.
    var innermostOpen: LevelOverride? {
        var current: LevelOverride? = self
        while let override = current, !override.isOpen.load(ordering: .acquiring) { current = override.parent }
        return current
    }

    /// Stops admitting records.
    func close() {
        isOpen.store(false, ordering: .releasing)
        LevelOverrides.close(level)
    }
}
