import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The opt-in `SIGHUP` handler behind ``FileSink/Options/reopensOnHangup``.
///
/// The handler only increments a counter (async-signal-safe); each file sink compares
/// it with the value it last saw before its next write and reopens when it changed.
enum HangupSignal {
    /// How many `SIGHUP`s arrived since the handler was installed.
    static let count = Atomic<Int>(0)
    private static let installed = Atomic<Bool>(false)

    /// Installs the handler once per process. Replaces any previous `SIGHUP` handler.
    static func install() {
        _ = count.load(ordering: .relaxed)  // initialize before a signal can touch it
        guard !installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = { _ in HangupSignal.count.add(1, ordering: .relaxed) }
        #else
        action.__sigaction_handler.sa_handler = { _ in HangupSignal.count.add(1, ordering: .relaxed) }
        #endif
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        sigaction(SIGHUP, &action, nil)
    }
}
