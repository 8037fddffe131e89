/// State guarded by a pthread mutex: every lock in Logbook.
///
/// Used instead of `Synchronization.Mutex`: on Linux, `Mutex` is built on raw futexes
/// that ThreadSanitizer cannot see under contention, so `swift test --sanitize=thread`
/// reports accesses it guards as races. A pthread mutex costs about the same uncontended
/// and is understood by the sanitizer.
package final class LockedState<State>: @unchecked Sendable {
    private let lock = ConditionLock()
    private var state: State

    /// Creates the lock holding `state`.
    package init(_ state: State) {
        self.state = state
    }

    /// Runs `body` with exclusive access to the state.
    package func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
