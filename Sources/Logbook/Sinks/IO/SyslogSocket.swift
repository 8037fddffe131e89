import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection of a ``SyslogSink``: a connected UDP, TCP or Unix datagram socket.
struct SyslogSocket {
    enum SendResult {
        case sent
        /// The receiver is busy (a full datagram queue): keep the connection, retry soon.
        case busy
        /// The connection is gone: reconnect, then resend.
        case disconnected(Errno)
        /// The message can never be sent (too large): drop it.
        case rejected(Errno)
    }

    let transport: SyslogSink.Transport
    private(set) var fd: Int32 = -1
    /// A host name lookup that outlasted a connect's timeout, for the next attempt.
    private var lookup: DetachedCall<UnsafeMutablePointer<addrinfo>?>?

    init(transport: SyslogSink.Transport) {
        self.transport = transport
    }

    var isConnected: Bool { fd >= 0 }

    private var isStream: Bool {
        if case .tcp = transport { return true }
        return false
    }

    /// Connects a closed socket, waiting at most `timeout` milliseconds for a TCP handshake.
    mutating func connect(timeoutMilliseconds timeout: Int32) -> Errno? {
        switch transport {
        case .udp(let host, let port), .tcp(let host, let port):
            let type = isStream ? Self.stream : Self.datagram
            var list = Self.resolve(host: host, port: port, type: type, numericOnly: true)
            if list == nil {  // a host name: looked up on another thread, waited for at most `timeout`
                if lookup == nil {
                    lookup = DetachedCall(
                        { Self.resolve(host: host, port: port, type: type, numericOnly: false) },
                        discard: { if let list = $0 { freeaddrinfo(list) } })
                }
                guard let pending = lookup else { return Errno(EAGAIN) }
                guard let outcome = pending.take(waitingAtMost: .milliseconds(timeout)) else {
                    return Errno(ETIMEDOUT)
                }
                lookup = nil
                list = outcome
            }
            guard let first = list else { return Errno(EHOSTUNREACH) }
            defer { freeaddrinfo(first) }
            var lastError = Errno(EHOSTUNREACH)
            for info in sequence(first: first.pointee, next: { $0.ai_next?.pointee }) {
                let error = open(
                    info.ai_family, info.ai_socktype, info.ai_protocol, info.ai_addr, info.ai_addrlen, timeout: timeout)
                guard let error else { return nil }
                lastError = error
            }
            return lastError
        case .unix(let path):
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let capacity = MemoryLayout.size(ofValue: address.sun_path)
            guard path.utf8.count < capacity else { return Errno(ENAMETOOLONG) }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: path.utf8)
                raw[path.utf8.count] = 0
            }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    open(AF_UNIX, Self.datagram, 0, $0, socklen_t(MemoryLayout<sockaddr_un>.size), timeout: timeout)
                }
            }
        }
    }

    mutating func disconnect() {
        if fd >= 0 { FileSystem.closeDescriptor(fd) }
        fd = -1
    }

    /// Whether a stream peer has closed its end (checked before each TCP send, so a
    /// restarted receiver is noticed before a message is written into a dead socket).
    func peerHasClosed() -> Bool {
        guard fd >= 0, isStream else { return false }
        var byte: UInt8 = 0
        let received = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if received == 0 { return true }
        if received < 0 { return !(errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) }
        return false
    }

    /// Sends `bytes` (one datagram, or one framed message on a stream). On TCP, once part
    /// of a frame is on the wire the rest gets ten times the timeout, but never past
    /// `deadline` (``ConditionLock/now()`` nanoseconds), which is read again at least every 50 ms.
    func send(
        _ bytes: UnsafeRawBufferPointer, timeoutMilliseconds: Int32, deadline: borrowing Atomic<Int64>
    ) -> SendResult {
        guard fd >= 0, var base = bytes.baseAddress else { return .disconnected(Errno(ENOTCONN)) }
        var remaining = bytes.count
        let start = ConditionLock.now()
        while remaining > 0 {
            let sent = posixSend(fd, base, remaining)
            if sent >= 0 {
                guard isStream else { return .sent }
                base += sent
                remaining -= sent
                continue
            }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK, ENOBUFS:
                guard isStream else { return .busy }
                // Ten times, so a stream is never left with half a frame; a frame cut at the deadline
                // is lost with the connection the sink closes right after, not misread.
                let allowed = Int64(timeoutMilliseconds) * 1_000_000 * (remaining < bytes.count ? 10 : 1)
                let end = min(start + allowed, deadline.load(ordering: .relaxed))
                let left = (end - ConditionLock.now()) / 1_000_000
                if left <= 0 { return .disconnected(Errno(ETIMEDOUT)) }
                var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&descriptor, 1, Int32(min(left, 50)))
            case EMSGSIZE:
                return .rejected(Errno(code))
            default:
                return .disconnected(Errno(code))
            }
        }
        return .sent
    }

    /// `getaddrinfo`'s list for `host` and `port` and a socket of `type` (the taker frees it), or
    /// `nil` when it failed; with `numericOnly`, only an IP address, which never waits for the resolver.
    private static func resolve(
        host: String, port: Int, type: Int32, numericOnly: Bool
    ) -> UnsafeMutablePointer<addrinfo>? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = type
        hints.ai_flags = AI_NUMERICSERV | (numericOnly ? AI_NUMERICHOST : 0)
        var list: UnsafeMutablePointer<addrinfo>?
        return getaddrinfo(host, String(port), &hints, &list) == 0 ? list : nil
    }

    /// Opens a socket connected to `address` (waiting at most `timeout` ms); on success it is this connection's.
    private mutating func open(
        _ family: Int32, _ type: Int32, _ proto: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t,
        timeout: Int32
    ) -> Errno? {
        let socketFD = socket(family, type, proto)
        guard socketFD >= 0 else { return Errno(errno) }
        // Non-blocking, close-on-exec, and no `SIGPIPE` where that takes a socket option.
        _ = fcntl(socketFD, F_SETFL, fcntl(socketFD, F_GETFL, 0) | O_NONBLOCK)
        _ = fcntl(socketFD, F_SETFD, FD_CLOEXEC)
        #if canImport(Darwin)
        var on: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        fd = socketFD
        if posixConnect(fd, address, length) == 0 { return nil }
        // Non-blocking, so a TCP handshake goes on: wait for it, then read its outcome.
        var failure = errno
        if failure == EINPROGRESS || failure == EINTR {
            var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            var size = socklen_t(MemoryLayout<Int32>.size)
            failure = ETIMEDOUT
            if poll(&descriptor, 1, timeout) == 1 {
                failure = 0
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &size)
            }
        }
        if failure == 0 { return nil }
        disconnect()
        return Errno(failure)
    }

    #if canImport(Darwin)
    private static let datagram = SOCK_DGRAM
    private static let stream = SOCK_STREAM
    #else
    private static let datagram = Int32(SOCK_DGRAM.rawValue)
    private static let stream = Int32(SOCK_STREAM.rawValue)
    #endif
}

private func posixConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}

private func posixSend(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    send(fd, base, count, 0)
    #else
    send(fd, base, count, Int32(MSG_NOSIGNAL))
    #endif
}
