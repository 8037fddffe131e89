import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock of one ``LogSampler``: an atomic flag, taken with one compare-and-swap and
/// released with one store, because it is taken once per sampled record and held for a
/// few dozen instructions. A thread that finds it taken spins briefly, then yields its
/// core (the holder may have been preempted). Acquire and release orderings make the
/// guarded state visible from one holder to the next, which ThreadSanitizer understands.
struct SamplerLock: ~Copyable {
    private let held = Atomic<Bool>(false)

    @inline(__always)
    func lock() {
        if held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged { return }
        contendedLock()
    }

    @inline(never)
    private func contendedLock() {
        var spins = 0
        while true {
            if !held.load(ordering: .relaxed),
                held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
            {
                return
            }
            spins += 1
            if spins >= 64 {
                sched_yield()
                spins = 0
            }
        }
    }

    @inline(__always)
    func unlock() {
        held.store(false, ordering: .releasing)
    }

    @inline(__always)
    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }
}
