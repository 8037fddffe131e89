#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Logbook needs a POSIX C library")
#endif

/// Thin wrappers over the C library, so the rest of the module needs no platform imports.
enum System {
    static func now() -> (seconds: Int64, nanoseconds: Int32) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return (Int64(spec.tv_sec), Int32(spec.tv_nsec))
    }

    /// Monotonic nanoseconds, possibly a few milliseconds coarse, for intervals:
    /// `CLOCK_MONOTONIC_COARSE` on Linux, which costs a few nanoseconds.
    static func coarseMonotonicNanoseconds() -> Int64 {
        var spec = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_MONOTONIC_COARSE, &spec)
        #else
        clock_gettime(CLOCK_MONOTONIC, &spec)
        #endif
        return Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec)
    }

    /// The calendar fields of `seconds` since the epoch in the process's local time zone
    /// (`TZ`, else `/etc/localtime`).
    static func localTime(_ seconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var time = time_t(seconds)
        var fields = tm()
        localtime_r(&time, &fields)
        return (
            Int(fields.tm_year) + 1900, Int(fields.tm_mon) + 1, Int(fields.tm_mday),
            Int(fields.tm_hour), Int(fields.tm_min), Int(fields.tm_sec)
        )
    }

    /// The one write loop of every sink and diagnostic: writes all of `bytes` to `fd`, and
    /// returns `nil`, or the failure's `errno` and how many bytes went out before it.
    /// `EINTR` retries; `EAGAIN` (a non-blocking descriptor whose reader is behind) waits in
    /// `poll(2)` as a blocking descriptor would; a write of zero bytes fails with `EIO`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> (code: Int32, written: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            let count = write(fd, base + written, bytes.count - written)
            if count > 0 {
                written += count
            } else if count == 0 {
                return (EIO, written)
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&descriptor, 1, 1000)
            } else if errno != EINTR {
                return (errno, written)
            }
        }
        return nil
    }

    static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    static func environment(_ names: [String]) -> [String: String] {
        names.reduce(into: [:]) { values, name in values[name] = environment(name) }
    }

    /// The host name from `gethostname(2)`, or `-`.
    static let hostname: String = {
        var bytes = [CChar](repeating: 0, count: 256)
        guard gethostname(&bytes, bytes.count - 1) == 0 else { return "-" }
        let name = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "-" : name
    }()

    /// The program's file name (the last component of `argv[0]`), or `-`.
    static let programName: String = {
        guard let first = CommandLine.arguments.first else { return "-" }
        return first.split(separator: "/").last.map(String.init) ?? "-"
    }()

    static var processID: Int32 { getpid() }

    static func atExit(_ body: @convention(c) () -> Void) {
        atexit(body)
    }

    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }
}
