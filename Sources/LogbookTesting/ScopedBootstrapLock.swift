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
            waiters.withLock { waiters in
                if waiters == nil {
                    waiters = []
                    continuation.resume()
                } else {
                    waiters?.append(continuation)
                }
            }
        }
    }

    func unlock() {
        waiters.withLock { waiters in
            if waiters?.isEmpty ?? true {
                waiters = nil
            } else {
                // The lock passes straight to the next waiter, still locked.
                waiters?.removeFirst().resume()
            }
        }
    }
}
