import Synchronization

/// Tells an execution environment's first invocation from later ones, for
/// ``LambdaInvocation/isColdStart``: keep one per process and ``claim()`` it once per invocation.
public final class LambdaColdStart: Sendable {
    private let claimed = Atomic(false)

    /// Creates a tracker that has not been claimed yet.
    public init() {}

    /// `true` the first time it is called, `false` on every later call, from any thread.
    public func claim() -> Bool { !claimed.exchange(true, ordering: .relaxed) }
}
