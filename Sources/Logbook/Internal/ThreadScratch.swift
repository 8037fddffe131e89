#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread state of the logging path: a reusable format buffer and the re-entry flag.
///
/// Stored with `pthread_setspecific` and released when the thread exits. Only the
/// owning thread ever touches an instance.
final class ThreadScratch {
    let buffer: UnsafeMutablePointer<LogBuffer>
    var bufferInUse = false
    /// Set while this thread delivers a record to sinks; a record created meanwhile
    /// (a sink or formatter that logs) goes to the last resort instead of recursing.
    var isDelivering = false

    private init() {
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: LogBuffer(capacity: 2048))
    }

    deinit {
        buffer.deinitialize(count: 1)
        buffer.deallocate()
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
