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
        if !tryLock() { contendedLock() }
    }

    @inline(__always)
    private func tryLock() -> Bool {
        held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    }

    @inline(never)
    private func contendedLock() {
        var spins = 0
        while held.load(ordering: .relaxed) || !tryLock() {
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
