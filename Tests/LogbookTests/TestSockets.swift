import Foundation

/// A receiving socket on the loopback interface or a Unix path, for syslog tests.
final class TestReceiver: @unchecked Sendable {
    enum Kind {
        case udp, tcp
        case unix(String)
    }

    let fd: Int32
    let port: Int
    private var connection: Int32 = -1
    private var pending: [UInt8] = []

    init(_ kind: Kind, port requested: Int = 0) {
        switch kind {
        case .udp, .tcp:
            let isTCP: Bool
            if case .tcp = kind { isTCP = true } else { isTCP = false }
            let fd = socket(AF_INET, Int32(isTCP ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue), 0)
            self.fd = fd
            var on: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(requested).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            if isTCP { listen(fd, 8) }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
        case .unix(let path):
            unlink(path)
            let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: path.utf8)
                raw[path.utf8.count] = 0
            }
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            port = 0
        }
    }

    deinit { close() }

    private var closed = false

    func close() {
        guard !closed else { return }
        closed = true
        if connection >= 0 { Glibc.close(connection) }
        connection = -1
        Glibc.close(fd)
    }

    /// Waits for readability of `descriptor` up to `milliseconds`.
    private func readable(_ descriptor: Int32, _ milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) == 1
    }

    /// The next datagram, or `nil` after `milliseconds`.
    func datagram(timeout milliseconds: Int32 = 2000) -> String? {
        guard readable(fd, milliseconds) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count < 0 ? nil : String(decoding: buffer.prefix(count), as: UTF8.self)
    }

    /// The next octet-counted frame from the (first) TCP connection, or `nil`.
    func frame(timeout milliseconds: Int32 = 2000) -> String? {
        if connection < 0 {
            guard readable(fd, milliseconds) else { return nil }
            connection = accept(fd, nil, nil)
        }
        while true {
            if let space = pending.firstIndex(of: UInt8(ascii: " ")),
                let length = Int(String(decoding: pending[..<space], as: UTF8.self)),
                pending.count > space + length
            {
                let message = String(decoding: pending[(space + 1)...(space + length)], as: UTF8.self)
                pending.removeFirst(space + 1 + length)
                return message
            }
            guard readable(connection, milliseconds) else { return nil }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            pending += buffer.prefix(count)
        }
    }
}
