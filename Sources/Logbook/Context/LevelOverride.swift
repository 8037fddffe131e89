import Synchronization

/// A level bound to a task tree by ``LogContext/with(level:operation:)-9oxvr``, counted in
/// ``LevelOverrides`` until ``close()``; then it admits nothing and an enclosing open one applies.
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

    /// Also a new override's parent: skipping closed ones keeps a context re-bound over and over short.
    var innermostOpen: LevelOverride? {
        var current: LevelOverride? = self
        while let override = current, !override.isOpen.load(ordering: .acquiring) {
            current = override.parent
        }
        return current
    }

    func close() {
        isOpen.store(false, ordering: .releasing)
        LevelOverrides.close(level)
    }
}
