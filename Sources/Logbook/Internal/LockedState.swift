/// State guarded by a pthread mutex.
///
/// Used instead of `Synchronization.Mutex` where state is mutated in place under the
/// lock on hot paths shared by many threads: on Linux, `Mutex` is built on raw futexes
/// that ThreadSanitizer cannot see, so `swift test --sanitize=thread` reports every such
/// access as a race. A pthread mutex costs the same uncontended and is understood by the
/// sanitizer.
final class LockedState<State>: @unchecked Sendable {
    private let lock = ConditionLock()
    private var state: State

    init(_ state: State) {
        self.state = state
    }

    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
