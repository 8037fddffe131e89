import Synchronization

/// A minimum-level override bound to a task tree by ``LogContext/with(level:operation:)-9oxvr``,
/// riding on the scope chain next to the context fields.
///
/// It is open, and counted in ``LevelOverrides``, from its creation until ``close()``
/// (while the call runs). A context captured inside and re-bound after the call
/// returned (a detached task that outlives it) still holds the override, closed: a closed
/// override admits nothing, and an enclosing open one applies instead.
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

    /// Stops admitting records.
    func close() {
        isOpen.store(false, ordering: .releasing)
        LevelOverrides.close(level)
    }
}
