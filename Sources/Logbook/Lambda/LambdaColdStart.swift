import Synchronization

/// Tells the first invocation in an execution environment from the later ones, for
/// ``LambdaInvocation/isColdStart``. Keep one for the process; claim it once per invocation:
///
/// ```swift
/// static let coldStart = LambdaColdStart()
/// let invocation = LambdaInvocation.current(requestID: id, isColdStart: Self.coldStart.claim())
/// ```
public final class LambdaColdStart: Sendable {
    private let claimed = Atomic(false)

    /// Creates a tracker that has not been claimed yet.
    public init() {}

    /// `true` the first time it is called, `false` on every later call, from any thread.
    public func claim() -> Bool { !claimed.exchange(true, ordering: .relaxed) }
}
