import Logbook

/// Lets one ``withScopedLogBootstrap(_:operation:)`` run at a time, suspending (not
/// blocking) the others, first come first served.
///
/// Top-level scoped bootstraps take ``shared``; each gives the ones nested in it (its
/// child tasks' included) a lock of their own, ``forNested``, so a nested one never waits
/// for the one it runs in, and nested ones started side by side wait for each other.
final class ScopedBootstrapLock: Sendable {
    static let shared = ScopedBootstrapLock()

    /// The lock a scoped bootstrap started in the current task takes: the one the
    /// innermost enclosing scoped bootstrap made for its nested ones; `nil` outside any.
    @TaskLocal static var forNested: ScopedBootstrapLock?

    private struct State {
        var isLocked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = LockedState(State())

    func lock() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state in
                if state.isLocked {
                    state.waiters.append(continuation)
                    return false
                }
                state.isLocked = true
                return true
            }
            if acquired { continuation.resume() }
        }
    }

    func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.isLocked = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        // The lock passes straight to the next waiter, still locked.
        next?.resume()
    }
}
