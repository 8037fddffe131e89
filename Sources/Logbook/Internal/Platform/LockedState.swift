/// State guarded by a pthread mutex: every lock in Logbook. Not `Synchronization.Mutex`,
/// whose raw futexes ThreadSanitizer cannot see under contention (it reports races).
package final class LockedState<State>: @unchecked Sendable {
    private let lock = ConditionLock()
    private var state: State

    package init(_ state: State) {
        self.state = state
    }

    package func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        try lock.withLock { try body(&state) }
    }
}
