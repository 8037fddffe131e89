#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about this host and process for syslog headers.
enum SyslogHost {
    /// The host name from `gethostname(2)`, or `-`.
    static let hostname: String = {
        var bytes = [CChar](repeating: 0, count: 256)
        guard gethostname(&bytes, bytes.count - 1) == 0 else { return "-" }
        let name = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "-" : name
    }()

    /// The program's file name (the last component of `argv[0]`).
    static let programName: String = {
        guard let first = CommandLine.arguments.first else { return "-" }
        return first.split(separator: "/").last.map(String.init) ?? "-"
    }()

    /// The process id.
    static var processID: Int32 { getpid() }
}
