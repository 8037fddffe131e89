import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread state of the logging path: a reusable format buffer, the re-entry flag,
/// and a small cache of dispatch plans.
///
/// Stored with `pthread_setspecific` and released when the thread exits. Only the
/// owning thread ever touches an instance.
final class ThreadScratch {
    let buffer: UnsafeMutablePointer<LogBuffer>
    var bufferInUse = false
    /// Set while this thread delivers a record to sinks; a record created meanwhile
    /// (a sink or formatter that logs) goes to the last resort instead of recursing.
    var isDelivering = false

    /// One cached plan: valid while its node's generation is unchanged. The entry holds
    /// the strong reference, so the logging path uses the plan without retaining it.
    struct CachedPlan {
        var node: ObjectIdentifier?
        var generation: UInt64 = 0
        var plan: Unmanaged<DispatchPlan>?
    }

    /// Direct-mapped by node address; a handful of entries covers the loggers a thread
    /// alternates between, and a miss only costs one lock.
    static let planCacheSize = 8
    private let planCache: UnsafeMutablePointer<CachedPlan>

    private init() {
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: LogBuffer(capacity: 2048))
        planCache = .allocate(capacity: Self.planCacheSize)
        planCache.initialize(repeating: CachedPlan(), count: Self.planCacheSize)
    }

    deinit {
        for index in 0..<Self.planCacheSize { planCache[index].plan?.release() }
        planCache.deinitialize(count: Self.planCacheSize)
        planCache.deallocate()
        buffer.deinitialize(count: 1)
        buffer.deallocate()
    }

    /// `node`'s current plan, from the cache when its generation still matches, else
    /// read under the node's lock and cached. Unretained: it stays valid until this
    /// thread next calls this method, which is why re-entrant records never do.
    @inline(__always)
    func cachedPlan(for node: LogNode) -> Unmanaged<DispatchPlan> {
        let generation = node.planGeneration.load(ordering: .acquiring)
        let id = ObjectIdentifier(node)
        let entry = planCache + Int((UInt(bitPattern: id) >> 6) & UInt(Self.planCacheSize - 1))
        if entry.pointee.node == id, entry.pointee.generation == generation, let plan = entry.pointee.plan {
            return plan
        }
        return refreshCachedPlan(entry, for: node)
    }

    private func refreshCachedPlan(_ entry: UnsafeMutablePointer<CachedPlan>, for node: LogNode) -> Unmanaged<
        DispatchPlan
    > {
        let current = node.lockedPlan()
        let plan = Unmanaged.passRetained(current.plan)
        entry.pointee.plan?.release()
        entry.pointee = CachedPlan(node: ObjectIdentifier(node), generation: current.generation, plan: plan)
        return plan
    }

    /// The thread-local slot, or `nil` in the unlikely case the process ran out of keys;
    /// then every call gets a fresh instance: slower, still correct apart from re-entry
    /// detection.
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            #if canImport(Darwin)
            Unmanaged<ThreadScratch>.fromOpaque(pointer).release()
            #else
            if let pointer { Unmanaged<ThreadScratch>.fromOpaque(pointer).release() }
            #endif
        }
        return status == 0 ? key : nil
    }()

    /// The calling thread's instance, created on first use, unretained: the thread's
    /// slot holds it for as long as the thread lives. `nil` when the process ran out of
    /// thread-local keys.
    @inline(__always)
    static var unmanagedCurrent: Unmanaged<ThreadScratch>? {
        guard let key else { return nil }
        if let existing = pthread_getspecific(key) {
            return Unmanaged<ThreadScratch>.fromOpaque(existing)
        }
        let created = Unmanaged.passRetained(ThreadScratch())
        pthread_setspecific(key, created.toOpaque())
        return created
    }

    /// The calling thread's instance, created on first use.
    static var current: ThreadScratch {
        unmanagedCurrent?.takeUnretainedValue() ?? ThreadScratch()
    }
}
