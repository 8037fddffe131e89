import Synchronization

/// A minimum-level override bound to a task tree by ``LogContext/with(level:operation:)-9oxvr``,
/// on the scope chain. It is open, and counted in ``LevelOverrides``, from its creation
/// until ``close()``; a closed one admits nothing, and an enclosing open one applies.
final class LevelOverride: Sendable {
    let level: LogLevel
    let parent: LevelOverride?
    private let isOpen = Atomic(true)

    init(_ level: LogLevel, parent: LevelOverride?) {
        self.level = level
        self.parent = parent
        LevelOverrides.open(level)
    }

    /// The level of the innermost open override in this chain, or `nil` when all are closed.
    var openLevel: LogLevel? {
        var current: LevelOverride? = self
        while let override = current {
            if override.isOpen.load(ordering: .acquiring) { return override.level }
            current = override.parent
        }
        return nil
    }

    /// The innermost open override in this chain, or `nil`: the parent of a new one. A
    /// closed override admits nothing and never reopens, so it is left out; a context
    /// re-bound over and over would otherwise chain every override it ever held.
    var innermostOpen: LevelOverride? {
        sequence(first: self, next: \.parent).first { $0.isOpen.load(ordering: .acquiring) }
    }

    /// Stops admitting records.
    func close() {
        isOpen.store(false, ordering: .releasing)
        LevelOverrides.close(level)
    }
}
