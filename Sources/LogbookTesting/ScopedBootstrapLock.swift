import Logbook

/// Lets one ``withScopedLogBootstrap(_:operation:)`` run at a time, suspending (not
/// blocking) the others, first come first served. Top-level ones take ``shared``; each
/// gives the ones nested in it (in child tasks too) a lock of their own, ``forNested``, so
/// a nested one never waits for the one it runs in, and nested ones side by side do.
final class ScopedBootstrapLock: Sendable {
    static let shared = ScopedBootstrapLock()

    @TaskLocal static var forNested: ScopedBootstrapLock?

    /// `nil` while unlocked; while locked, the tasks waiting for it in arrival order.
    private let waiters = LockedState<[CheckedContinuation<Void, Never>]?>(nil)

    func lock() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = waiters.withLock { waiters in
                if waiters != nil {
                    waiters?.append(continuation)
                    return false
                }
                waiters = []
                return true
            }
            // Resumed outside the lock, as in unlock: resuming calls into an executor.
            if acquired { continuation.resume() }
        }
    }

    func unlock() {
        let next = waiters.withLock { waiters -> CheckedContinuation<Void, Never>? in
            if waiters?.isEmpty ?? true {
                waiters = nil
                return nil
            }
            return waiters?.removeFirst()
        }
        // The lock passes straight to the next waiter, still locked.
        next?.resume()
    }
}
