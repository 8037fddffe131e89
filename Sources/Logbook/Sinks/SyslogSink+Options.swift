extension SyslogSink {
    /// Where a ``SyslogSink`` sends its messages.
    public enum Transport: Sendable, Hashable, CustomStringConvertible {
        /// UDP datagrams, one message each (RFC 5426), fire and forget (see the Production guide).
        case udp(host: String, port: Int = 514)
        /// A TCP stream with octet-counting framing (`LENGTH SP MESSAGE`, RFC 6587).
        case tcp(host: String, port: Int = 514)
        /// A Unix datagram socket such as `/dev/log`, one message each. Reliable while the
        /// receiver runs, which must accept RFC 5424 (see the Production guide for rsyslog).
        case unix(path: String = "/dev/log")

        /// `udp://host:port`, `tcp://host:port` or `unix:///dev/log`.
        public var description: String {
            switch self {
            case .udp(let host, let port): "udp://\(host):\(port)"
            case .tcp(let host, let port): "tcp://\(host):\(port)"
            case .unix(let path): "unix://\(path)"
            }
        }
    }

    /// Backlog and reconnection settings of a ``SyslogSink``.
    public struct Options: Sendable, Hashable {
        /// The most messages kept while the receiver is unreachable. Default 10,000.
        public var backlogCapacity: Int
        /// The most bytes kept while the receiver is unreachable. Default 4 MiB.
        public var backlogBytes: Int
        /// The first wait before reconnecting after a failure; it doubles per failed
        /// attempt up to ``maximumReconnectDelay``. Default 100 ms.
        public var reconnectDelay: Duration
        /// The longest wait between reconnection attempts. Default 5 s.
        public var maximumReconnectDelay: Duration
        /// How long a TCP connect, a host name lookup or a blocked send may take before the
        /// connection is given up and the message kept for later (ten times that to finish a
        /// frame partly sent; ``SyslogSink/shutdown(timeout:)`` says when less). Default 1 s.
        public var timeout: Duration

        /// Creates options; every parameter has the default described on its property.
        public init(
            backlogCapacity: Int = 10_000,
            backlogBytes: Int = 4 << 20,
            reconnectDelay: Duration = .milliseconds(100),
            maximumReconnectDelay: Duration = .seconds(5),
            timeout: Duration = .seconds(1)
        ) {
            self.backlogCapacity = max(0, backlogCapacity)
            self.backlogBytes = max(0, backlogBytes)
            self.reconnectDelay = reconnectDelay
            self.maximumReconnectDelay = maximumReconnectDelay
            self.timeout = timeout
        }

        /// Throws for a duration out of range, so a typo never becomes an endless wait or an overflow.
        func validate() throws(SyslogSinkError) {
            try check("timeout", timeout, .milliseconds(1)...(.seconds(600)))
            try check("reconnectDelay", reconnectDelay, .milliseconds(1)...(.seconds(3600)))
            try check("maximumReconnectDelay", maximumReconnectDelay, reconnectDelay...(.seconds(86_400)))
        }
    }
}

private func check<Value: Comparable>(_ name: String, _ value: Value, _ range: ClosedRange<Value>)
    throws(SyslogSinkError)
{
    guard range.contains(value) else {
        throw .invalidOption(name: name, value: "\(value)", accepted: "\(range.lowerBound) to \(range.upperBound)")
    }
}

extension SyslogSink.Transport {
    /// A socket address holds 107 path bytes; C would use only the part before a NUL byte.
    func validate() throws(SyslogSinkError) {
        switch self {
        case .udp(let host, let port), .tcp(let host, let port):
            if host.isEmpty || host.utf8.contains(0) {
                throw .invalidOption(name: "host", value: host.debugDescription, accepted: "a host name or address")
            }
            try check("port", port, 1...65_535)
        case .unix(let path):
            if path.utf8.contains(0) {
                throw .invalidOption(
                    name: "path", value: path.debugDescription, accepted: "a socket path without NUL bytes")
            }
            if path.isEmpty || path.utf8.count > 107 {
                throw .invalidOption(
                    name: "path", value: "\"\(path)\"", accepted: "a socket path of 1 to 107 bytes")
            }
        }
    }
}
