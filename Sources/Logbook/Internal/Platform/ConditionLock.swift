#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex with condition variables (`Synchronization.Mutex` has no waiting).
/// The protected state lives in the owner; ``wait(_:)`` only while holding the lock.
final class ConditionLock: @unchecked Sendable {
    struct Condition {
        fileprivate let pointer: UnsafeMutablePointer<pthread_cond_t>
    }

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var conditions: [UnsafeMutablePointer<pthread_cond_t>] = []

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        for condition in conditions {
            pthread_cond_destroy(condition)
            condition.deallocate()
        }
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Creates a condition variable. Call only during setup, before other threads use the lock.
    func makeCondition() -> Condition {
        let pointer = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        #if canImport(Darwin)
        pthread_cond_init(pointer, nil)
        #else
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(pointer, &attributes)
        pthread_condattr_destroy(&attributes)
        #endif
        conditions.append(pointer)
        return Condition(pointer: pointer)
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Waits for `condition`; the lock must be held. May wake spuriously.
    func wait(_ condition: Condition) {
        pthread_cond_wait(condition.pointer, mutex)
    }

    /// Waits for `condition` until `deadline` (``ConditionLock/now()`` nanoseconds);
    /// returns `false` when the deadline passed. The lock must be held.
    func wait(_ condition: Condition, until deadline: Int64) -> Bool {
        #if canImport(Darwin)
        let remaining = deadline - Self.now()
        guard remaining > 0 else { return false }
        var relative = timespec(tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
        return pthread_cond_timedwait_relative_np(condition.pointer, mutex, &relative) == 0
        #else
        var absolute = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        return pthread_cond_timedwait(condition.pointer, mutex, &absolute) == 0
        #endif
    }

    func signal(_ condition: Condition) { pthread_cond_signal(condition.pointer) }

    func broadcast(_ condition: Condition) { pthread_cond_broadcast(condition.pointer) }

    /// Monotonic nanoseconds, the clock ``wait(_:until:)`` uses.
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// The deadline `duration` from now, saturating (at `Int64.max / 2`, so callers can
    /// subtract ``now()`` from it).
    static func deadline(after duration: Duration) -> Int64 {
        min(now() &+ duration.clampedNanoseconds, Int64.max / 2)
    }
}
