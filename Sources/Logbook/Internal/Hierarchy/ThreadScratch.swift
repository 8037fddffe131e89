import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread state of the logging path, released when the thread exits; only its thread
/// touches it.
final class ThreadScratch {
    let buffer: UnsafeMutablePointer<LogBuffer>
    var bufferInUse = false
    /// Set while this thread delivers a record: one created meanwhile (a sink or formatter
    /// that logs) goes to the last resort instead of recursing.
    var isDelivering = false
    /// Set while it delivers such a re-entrant record: one created meanwhile is dropped, as
    /// it could recurse without end.
    var isDeliveringReentrant = false

    /// Holds the strong reference, so the logging path uses the plan without retaining it.
    typealias CachedPlan = (node: ObjectIdentifier?, plan: Unmanaged<DispatchPlan>?)

    /// Direct-mapped by node address: a handful covers the loggers a thread alternates
    /// between, and a miss costs one lock.
    static let planCacheSize = 8
    private let planCache: UnsafeMutablePointer<CachedPlan>
    /// The ``LogNode/planEpoch`` every cached plan was read in.
    private var planEpoch: UInt64 = 0

    private init() {
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: LogBuffer(capacity: 2048))
        planCache = .allocate(capacity: Self.planCacheSize)
        planCache.initialize(repeating: (nil, nil), count: Self.planCacheSize)
    }

    deinit {
        releaseCachedPlans()
        planCache.deinitialize(count: Self.planCacheSize)
        planCache.deallocate()
        buffer.deinitialize(count: 1)
        buffer.deallocate()
    }

    /// `node`'s current plan, unretained: valid until this thread next calls this method,
    /// which re-entrant records never do.
    @inline(__always)
    func cachedPlan(for node: LogNode) -> Unmanaged<DispatchPlan> {
        let epoch = LogNode.planEpoch.load(ordering: .acquiring)
        let id = ObjectIdentifier(node)
        let entry = planCache + Int((UInt(bitPattern: id) >> 6) & UInt(Self.planCacheSize - 1))
        if epoch == planEpoch, entry.pointee.node == id, let plan = entry.pointee.plan {
            return plan
        }
        return refreshCachedPlan(entry, for: node, epoch: epoch)
    }

    private func refreshCachedPlan(
        _ entry: UnsafeMutablePointer<CachedPlan>, for node: LogNode, epoch: UInt64
    ) -> Unmanaged<DispatchPlan> {
        if epoch != planEpoch {
            // Plans replaced since: let go of all of them, so removed sinks are released.
            planEpoch = epoch
            releaseCachedPlans()
        }
        // Read after the epoch: a change in between moves the epoch on again.
        let plan = Unmanaged.passRetained(node.lockedPlan())
        let replaced = entry.pointee.plan
        entry.pointee = (ObjectIdentifier(node), plan)
        if let replaced { releaseOutsideTheCache(replaced) }
        return plan
    }

    /// Releases each plan only once its entry is cleared.
    private func releaseCachedPlans() {
        for index in 0..<Self.planCacheSize {
            guard let plan = planCache[index].plan else { continue }
            planCache[index] = (nil, nil)
            releaseOutsideTheCache(plan)
        }
    }

    /// Releases as if delivering: a sink's `deinit` that logs then takes the re-entrant
    /// path, which leaves the cache alone.
    private func releaseOutsideTheCache(_ plan: Unmanaged<DispatchPlan>) {
        let wasDelivering = isDelivering
        isDelivering = true
        plan.release()
        isDelivering = wasDelivering
    }

    /// A process with no key left cannot detect re-entry, so it stops at its first
    /// logging call.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            let pointer: UnsafeMutableRawPointer? = pointer  // optional on Linux only
            if let pointer { Unmanaged<ThreadScratch>.fromOpaque(pointer).release() }
        }
        precondition(status == 0, "Logbook: pthread_key_create failed (\(status)): no thread-local key left")
        return key
    }()

    /// Created on first use, unretained: the thread's slot holds it as long as the thread
    /// lives.
    @inline(__always)
    static var unmanagedCurrent: Unmanaged<ThreadScratch> {
        if let existing = pthread_getspecific(key) {
            return Unmanaged<ThreadScratch>.fromOpaque(existing)
        }
        let created = Unmanaged.passRetained(ThreadScratch())
        pthread_setspecific(key, created.toOpaque())
        return created
    }

    static var current: ThreadScratch { unmanagedCurrent.takeUnretainedValue() }
}
