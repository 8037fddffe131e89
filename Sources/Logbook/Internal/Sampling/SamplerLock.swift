import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock of one ``LogSampler``, taken per sampled record for a few dozen instructions:
/// an atomic flag (compare-and-swap with acquire, store with release) that a waiting
/// thread spins on briefly, then yields its core.
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
