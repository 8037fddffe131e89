#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the table says about where and when it was measured.
enum Machine {
    /// The CPU model, from `/proc/cpuinfo` on Linux.
    static var cpuModel: String {
        guard let text = readFile("/proc/cpuinfo") else { return "unknown CPU" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingSpaces()
            }
        }
        return "unknown CPU"
    }

    static var onlineCores: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// The 1-minute load average, from `/proc/loadavg`.
    static var loadAverage: String {
        guard let text = readFile("/proc/loadavg") else { return "?" }
        return String(text.split(separator: " ").first ?? "?")
    }

    /// The current UTC date and time, `2026-11-20 17:03 UTC`.
    static var dateUTC: String {
        var now = time(nil)
        var fields = tm()
        gmtime_r(&now, &fields)
        var buffer = [CChar](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M UTC", &fields)
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
