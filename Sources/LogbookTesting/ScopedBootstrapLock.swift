import Logbook

/// Lets one ``withScopedLogBootstrap(_:operation:)`` run at a time, suspending (not
/// blocking) the others, first come first served.
final class ScopedBootstrapLock: Sendable {
    static let shared = ScopedBootstrapLock()

    /// Whether the current task runs inside a scoped bootstrap, which then must not wait
    /// for itself.
    @TaskLocal static var isHeld = false

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
