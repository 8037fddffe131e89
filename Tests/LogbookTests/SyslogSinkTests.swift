import Foundation
import Logbook
import Testing

@Suite struct SyslogSinkTests {
    private let formatter = SyslogFormatter(facility: .local0, appName: "payments", hostname: "web-1", processID: "42")

    private func record(_ message: String, level: LogLevel = .info, fields: LogFields = [:]) -> LogRecord {
        LogRecord(
            timestamp: LogTimestamp(secondsSinceEpoch: 1_722_945_296, nanoseconds: 789_012_000),
            level: level, logger: "payments.gateway", message: message, fields: fields)
    }

    @Test func formatsRFC5424WithFieldsAsStructuredData() throws {
        // PRI = local0 (16) * 8 + info (6) = 134, checked by hand against RFC 5424 6.2.1.
        let line = formatter.format(record("charge created", fields: ["amount": 42, "ok": true]))
        #expect(
            line == "<134>1 2024-08-06T11:54:56.789012Z web-1 payments 42 - "
                + "[logbook@32473 logger=\"payments.gateway\" amount=\"42\" ok=\"true\"] charge created")
    }

    @Test func mapsLevelsToSyslogSeverities() throws {
        let expected: [LogLevel: Int] = [
            .trace: 7, .debug: 7, .info: 6, .notice: 5, .warning: 4, .error: 3, .critical: 2,
        ]
        for (level, severity) in expected {
            let line = SyslogFormatter(facility: .user).format(record("x", level: level))
            #expect(line.hasPrefix("<\(8 + severity)>1 "))
        }
    }

    @Test func priorityHasOneToThreeDigitsForEveryFacilityAndLevel() throws {
        // kernel + critical is `<2>`, local7 + trace `<191>` (RFC 5424 6.2.1).
        for facility in SyslogFormatter.Facility.allCases {
            for level in LogLevel.allCases {
                let priority = Int(facility.rawValue) * 8 + SyslogFormatter.severity(of: level)
                let line = SyslogFormatter(facility: facility, hostname: "h").format(record("x", level: level))
                #expect(line.hasPrefix("<\(priority)>1 2024-08-06T11:54:56.789012Z h "), "\(facility) \(level)")
            }
        }
    }

    @Test func writesBooleansAndTraceContextInTheirOrder() throws {
        // The trace context element lists trace_id, span_id, trace_flags whatever the
        // fields' order; the other fields keep theirs.
        let line = formatter.format(
            record(
                "m",
                fields: [
                    "trace_flags": "01", "off": false, "span_id": "b7ad6b7169203331", "on": true,
                    "trace_id": "0af7651916cd43dd8448eb211c80319c",
                ]))
        #expect(
            line.hasSuffix(
                "[logbook@32473 logger=\"payments.gateway\" off=\"false\" on=\"true\"][opentelemetry"
                    + " trace_id=\"0af7651916cd43dd8448eb211c80319c\" span_id=\"b7ad6b7169203331\" trace_flags=\"01\"] m"
            ))
    }

    @Test func escapesParameterValuesAndSanitizesNames() throws {
        let line = formatter.format(
            record("two\nlines", fields: ["a b=c]\"": "q\"u]o\\te\n", "nested": ["k": 1] as LogValue]))
        // RFC 5424's three backslash escapes; a line feed is rsyslog's `#012`, in values
        // and in the message alike.
        #expect(line.contains(#" a_b_c__="q\"u\]o\\te#012""#))
        #expect(line.contains(" nested.k=\"1\""))
        #expect(line.hasSuffix("] two#012lines"))
        #expect(!line.contains("\n"))
    }

    @Test func controlCharactersC1AndSeparatorsAreOctalBytes() throws {
        let line = formatter.format(
            record("a\u{1B}[31mb\u{85}c\u{2028}d\\", fields: ["v": "\u{0}\u{7F}\u{9F}\u{2029}#"]))
        #expect(line.hasSuffix(#"] a#033[31mb#302#205c#342#200#250d\"#))
        #expect(line.contains(##" v="#000#177#302#237#342#200#251#""##))
    }

    @Test(arguments: ["\"", "\\", "]", "\n", "\u{7F}", "\u{85}", "\u{2028}", "é"])
    func escapesACharacterAtEveryPositionOfALongValue(_ special: String) throws {
        // The scan passes over eight plain bytes at a time: the character must be found
        // in the first word, the last one, and the tail after the last whole word.
        let octal = special.utf8.map { byte in
            let digits = String(byte, radix: 8)
            return "#" + String(repeating: "0", count: 3 - digits.count) + digits
        }.joined()
        let isObeyed = ["\n", "\u{7F}", "\u{85}", "\u{2028}"].contains(special)
        let inValue = isObeyed ? octal : special == "é" ? special : "\\" + special
        let inMessage = isObeyed ? octal : special
        for position in 0...21 {
            let text = String(repeating: "a", count: position) + special + String(repeating: "b", count: 21 - position)
            let line = formatter.format(record(text, fields: ["v": text]))
            let prefix = String(repeating: "a", count: position)
            let suffix = String(repeating: "b", count: 21 - position)
            #expect(line.contains(" v=\"" + prefix + inValue + suffix + "\"]"), "at \(position)")
            #expect(line.hasSuffix("] " + prefix + inMessage + suffix), "at \(position)")
        }
    }

    @Test("an empty array or object at the eighth level is marked [too deep], as a full one is")
    func emptiesAtTheDepthLimit() {
        var array = LogValue.array([])
        var object = LogValue.object([:])
        for _ in 0..<8 {
            array = [array]
            object = ["a": object]
        }
        let line = formatter.format(record("x", fields: ["l": array, "o": object, "e": [] as [String]]))
        #expect(
            line.contains(
                #" l.0.0.0.0.0.0.0.0="[too deep\]" o.a.a.a.a.a.a.a.a="[too deep\]" e="[\]"]"#))
    }

    @Test func flattensNestedValuesEightLevelsDeep() throws {
        var deep: LogValue = 1
        for _ in 0..<9 { deep = ["a": deep] }
        let fields: LogFields = ["tags": ["a", "b"], "empty": [] as [String], "none": [:] as LogFields, "deep": deep]
        let line = formatter.format(record("x", fields: fields))
        #expect(
            line.contains(
                #" tags.0="a" tags.1="b" empty="[\]" none="{}" deep.a.a.a.a.a.a.a.a="[too deep\]"]"#))
    }

    @Test func cutsParameterNamesTo32Characters() throws {
        let line = formatter.format(record("x", fields: [String(repeating: "k", count: 40): 1]))
        #expect(line.contains(" " + String(repeating: "k", count: 32) + "=\"1\""))
    }

    @Test func truncatesLongMessagesWithinTheLimit() throws {
        let small = SyslogFormatter(appName: "a", hostname: "h", processID: "1", lineLimit: 600)
        let line = small.format(record(String(repeating: "x", count: 5000)))
        #expect(line.utf8.count <= 600)
        #expect(line.contains("…[truncated "))
        let crowded = small.format(record("m", fields: LogFields((0..<100).map { ("key\($0)", "value \($0)") })))
        #expect(crowded.utf8.count <= 600)
        #expect(crowded.contains("logbook.dropped_fields=\""))
        #expect(crowded.hasSuffix("] m"))
    }

    @Test func sendsOneDatagramPerRecordOverUDP() throws {
        let receiver = TestReceiver(.udp)
        let sink = try SyslogSink(.udp(host: "127.0.0.1", port: receiver.port), formatter: formatter)
        sink.write(record("hello", level: .error))
        #expect(receiver.datagram()?.hasPrefix("<131>1 ") == true)
        #expect(sink.sentCount == 1)
    }

    @Test func framesTCPMessagesWithOctetCounts() throws {
        let receiver = TestReceiver(.tcp)
        let sink = try SyslogSink(.tcp(host: "127.0.0.1", port: receiver.port), formatter: formatter)
        sink.write(record("first"))
        sink.write(record("second"))
        #expect(receiver.frame()?.hasSuffix("] first") == true)
        #expect(receiver.frame()?.hasSuffix("] second") == true)
    }

    @Test("a host name is looked up (on a thread of its own, within the timeout) and connected to")
    func connectsToAHostName() throws {
        let receiver = TestReceiver(.tcp)
        let sink = try SyslogSink(.tcp(host: "localhost", port: receiver.port), formatter: formatter)
        sink.write(record("by name"))
        #expect(receiver.frame()?.hasSuffix("] by name") == true)
        #expect(sink.sentCount == 1)
    }

    @Test func sendsToAUnixDatagramSocket() throws {
        let path = NSTemporaryDirectory() + "logbook-\(UUID().uuidString.prefix(8)).sock"
        let receiver = TestReceiver(.unix(path))
        defer { unlink(path) }
        let sink = try SyslogSink(.unix(path: path), formatter: formatter)
        sink.write(record("local"))
        #expect(receiver.datagram()?.hasSuffix("] local") == true)
    }

    @Test func keepsABacklogWhileTheReceiverIsDownAndDeliversItInOrder() throws {
        let path = NSTemporaryDirectory() + "logbook-\(UUID().uuidString.prefix(8)).sock"
        defer { unlink(path) }
        let reports = ReportCollector()
        // The reconnect delay stays at 1 ms: with the default backoff, each failed attempt
        // doubles it, and 8 slow writes (a busy machine, the thread sanitizer) could leave
        // the next attempt more than the 10 ms below away, so m8 would join the backlog.
        let options = SyslogSink.Options(
            backlogCapacity: 5, reconnectDelay: .milliseconds(1), maximumReconnectDelay: .milliseconds(1))
        let sink = try SyslogSink(
            .unix(path: path), formatter: formatter, level: .trace, filters: [], options: options)
        sink.failures.reportFirst(to: reports.report)
        for index in 0..<8 { sink.write(record("m\(index)")) }
        #expect(sink.backlogCount == 5)
        #expect(sink.droppedCount == 3, "the oldest are dropped when the backlog is full")
        #expect(reports.messages.count == 1)
        let receiver = TestReceiver(.unix(path))
        Thread.sleep(forTimeInterval: 0.01)
        sink.write(record("m8"))
        let received = (0..<6).compactMap { _ in receiver.datagram(timeout: 500) }
        #expect(received.map { String($0.split(separator: " ").last!) } == ["m3", "m4", "m5", "m6", "m7", "m8"])
        #expect(sink.backlogCount == 0)
    }

    @Test("with no backlog, or a message larger than it, a message the receiver cannot take now is dropped")
    func noRoomInTheBacklog() throws {
        let path = NSTemporaryDirectory() + "logbook-\(UUID().uuidString.prefix(8)).sock"
        defer { unlink(path) }
        for options in [SyslogSink.Options(backlogCapacity: 0), SyslogSink.Options(backlogBytes: 16)] {
            let sink = try SyslogSink(.unix(path: path), formatter: formatter, options: options)
            sink.failures.reportFirst(to: ReportCollector().report)
            sink.write(record("m0"))
            sink.write(record("m1"))
            #expect(sink.backlogCount == 0 && sink.droppedCount == 2, "\(options)")
        }
    }

    @Test("no write connects while the backoff runs, even with the receiver back; flush connects, keeping the order")
    func backoffHoldsWritesUntilFlush() throws {
        let path = NSTemporaryDirectory() + "logbook-\(UUID().uuidString.prefix(8)).sock"
        defer { unlink(path) }
        let options = SyslogSink.Options(reconnectDelay: .seconds(3600), maximumReconnectDelay: .seconds(3600))
        let sink = try SyslogSink(
            .unix(path: path), formatter: formatter, level: .trace, filters: [], options: options)
        sink.failures.reportFirst(to: { _ in })
        sink.write(record("m0"))
        #expect(sink.failureCount == 1 && sink.backlogCount == 1)
        let receiver = TestReceiver(.unix(path))
        sink.write(record("m1"))
        #expect(receiver.datagram(timeout: 50) == nil, "no connection before the backoff ends")
        #expect(sink.failureCount == 1 && sink.backlogCount == 2)
        sink.flush()
        sink.write(record("m2"))
        let received = (0..<3).compactMap { _ in receiver.datagram(timeout: 500) }
        #expect(received.map { String($0.split(separator: " ").last!) } == ["m0", "m1", "m2"])
        #expect(sink.backlogCount == 0 && sink.sentCount == 3)
    }

    @Test("a busy datagram receiver (its queue full) costs no failure and no message: they wait, in order")
    func busyDatagramReceiverKeepsOrder() throws {
        let path = NSTemporaryDirectory() + "logbook-\(UUID().uuidString.prefix(8)).sock"
        defer { unlink(path) }
        let receiver = TestReceiver(.unix(path))
        let sink = try SyslogSink(.unix(path: path), formatter: formatter, level: .trace, filters: [])
        sink.failures.reportFirst(to: { _ in })
        var written = 0
        while sink.backlogCount < 3 && written < 100_000 {
            sink.write(record("m\(written)"))
            written += 1
        }
        #expect(sink.backlogCount == 3, "the receiver's queue never filled")
        #expect(sink.failureCount == 0 && sink.droppedCount == 0)
        var received: [String] = []
        while let datagram = receiver.datagram(timeout: 100) { received.append(datagram) }
        Thread.sleep(forTimeInterval: 0.02)  // past the 10 ms a busy receiver is given
        sink.write(record("m\(written)"))
        while let datagram = receiver.datagram(timeout: 500) { received.append(datagram) }
        #expect(received.map { String($0.split(separator: " ").last!) } == (0...written).map { "m\($0)" })
        #expect(sink.backlogCount == 0 && sink.failureCount == 0)
    }

    @Test func reconnectsToARestartedTCPReceiver() throws {
        var receiver = TestReceiver(.tcp)
        let port = receiver.port
        let sink = try SyslogSink(
            .tcp(host: "127.0.0.1", port: port), formatter: formatter, level: .trace, filters: [],
            options: .init(reconnectDelay: .milliseconds(1)))
        sink.failures.reportFirst(to: { _ in })
        sink.write(record("before"))
        #expect(receiver.frame()?.hasSuffix("] before") == true)
        receiver.close()
        sink.write(record("while down"))
        receiver = TestReceiver(.tcp, port: port)
        Thread.sleep(forTimeInterval: 0.01)
        #expect(sink.shutdown(timeout: .seconds(2)))
        #expect(receiver.frame()?.hasSuffix("] while down") == true)
    }

    @Test("a TCP receiver that stops reading: a blocked send gives up within 10 timeouts, the frame kept for later")
    func sendTimesOutWhenTheReceiverStopsReading() throws {
        let receiver = TestReceiver(.tcp)  // never accepts nor reads: the socket buffers fill up
        let options = SyslogSink.Options(
            reconnectDelay: .seconds(3600), maximumReconnectDelay: .seconds(3600), timeout: .milliseconds(100))
        let sink = try SyslogSink(
            .tcp(host: "127.0.0.1", port: receiver.port), formatter: formatter, level: .trace, filters: [],
            options: options)
        sink.failures.reportFirst(to: { _ in })
        let message = String(repeating: "x", count: 4_000)
        var slowest = Duration.zero
        for _ in 0..<20_000 where sink.failureCount == 0 {
            let started = ContinuousClock.now
            sink.write(record(message))
            slowest = max(slowest, ContinuousClock.now - started)
        }
        #expect(sink.failureCount == 1)
        #expect(sink.backlogCount == 1)
        #expect(slowest >= .milliseconds(100) && slowest < .seconds(3), "the slowest write took \(slowest)")
    }

    @Test("shutdown keeps to its timeout when connecting takes longer: it shortens the connect timeout")
    func shutdownKeepsToItsTimeoutWhileConnectHangs() throws {
        var receiver = TestReceiver(.tcp)
        let port = receiver.port
        receiver.close()
        let sink = try SyslogSink(
            .tcp(host: "127.0.0.1", port: port), formatter: formatter, level: .trace, filters: [],
            options: .init(timeout: .seconds(5)))
        sink.failures.reportFirst(to: { _ in })
        sink.write(record("while down"))
        #expect(sink.backlogCount == 1)
        // A receiver that never accepts, its accept queue full: a new connection's SYN is
        // dropped, so connecting waits for the whole timeout.
        receiver = TestReceiver(.tcp, port: port)
        let clients = fillAcceptQueue(port: port)
        defer { for client in clients { close(client) } }
        expectShutdownGivesUpIn200Milliseconds(within: .seconds(2)) { sink.shutdown(timeout: $0) }
        #expect(sink.backlogCount == 1)
    }

    @Test("shutdown keeps to its timeout when a frame is partly sent: the rest of it gets no tenfold wait")
    func shutdownKeepsToItsTimeoutWithAPartlySentFrame() throws {
        var receiver = TestReceiver(.tcp)
        let port = receiver.port
        receiver.close()
        let sink = try largeFrameSink(port: port)
        sink.write(record(String(repeating: "x", count: 16 << 20)))  // refused: kept in the backlog
        #expect(sink.backlogCount == 1)
        // A receiver that never accepts nor reads: the socket buffers take only part of the frame.
        receiver = TestReceiver(.tcp, port: port)
        expectShutdownGivesUpIn200Milliseconds(within: .seconds(1)) { sink.shutdown(timeout: $0) }
        #expect(sink.backlogCount == 1)
    }

    @Test("a send already under way when shutdown begins (an AsyncSink's writer, a frame partly sent) ends in time")
    func shutdownEndsASendAlreadyUnderWay() throws {
        let receiver = TestReceiver(.tcp)  // never accepts nor reads
        let sink = try largeFrameSink(port: receiver.port)
        let async = AsyncSink(sink)
        async.write(record(String(repeating: "x", count: 16 << 20)))
        // The writer connects once the record is formatted (slow under the thread sanitizer),
        // then sends: wait for the connection, then until the socket buffers are full.
        var listener = pollfd(fd: receiver.fd, events: Int16(POLLIN), revents: 0)
        #expect(poll(&listener, 1, 60_000) == 1, "the writer never connected")
        Thread.sleep(forTimeInterval: 0.3)  // the writer is now waiting for the rest of the frame to fit
        expectShutdownGivesUpIn200Milliseconds(within: .seconds(1)) { async.shutdown(timeout: $0) }
        #expect(sink.backlogCount == 1)
    }

    /// Calls `shutdown` with a 200 ms timeout: it must give up (return `false`) and return within `bound`.
    private func expectShutdownGivesUpIn200Milliseconds(
        within bound: Duration, sourceLocation: SourceLocation = #_sourceLocation, _ shutdown: (Duration) -> Bool
    ) {
        let started = ContinuousClock.now
        #expect(!shutdown(.milliseconds(200)), sourceLocation: sourceLocation)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < bound, "shutdown(timeout: 200 ms) took \(elapsed)", sourceLocation: sourceLocation)
    }

    /// A TCP sink to `port` whose frames can be far larger than the socket buffers, with a 1 s timeout.
    private func largeFrameSink(port: Int) throws -> SyslogSink {
        let large = SyslogFormatter(
            facility: .local0, appName: "payments", hostname: "web-1", processID: "42", lineLimit: 32 << 20)
        let sink = try SyslogSink(
            .tcp(host: "127.0.0.1", port: port), formatter: large, level: .trace, filters: [],
            options: .init(backlogBytes: 64 << 20, timeout: .seconds(1)))
        sink.failures.reportFirst(to: { _ in })
        return sink
    }

    /// Connects non-blocking clients to a listener that never accepts until its accept
    /// queue is full (some connections stay half-open).
    private func fillAcceptQueue(port: Int) -> [Int32] {
        var clients: [Int32] = []
        for _ in 0..<24 {
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL, 0) | O_NONBLOCK)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            clients.append(client)
        }
        Thread.sleep(forTimeInterval: 0.1)
        return clients
    }

    @Test(
        "a host or socket path with a NUL byte is refused, naming it, instead of using the part before the NUL",
        arguments: [
            (SyslogSink.Transport.tcp(host: "127.0.0.1\u{0}.evil", port: 514), "host"),
            (.udp(host: "127.0.0.1\u{0}", port: 514), "host"),
            (.unix(path: "/dev/log\u{0}.evil"), "path"),
        ])
    func rejectsNulBytes(transport: SyslogSink.Transport, name: String) {
        #expect {
            try SyslogSink(transport)
        } throws: { error in
            guard case SyslogSinkError.invalidOption(let rejected, let value, _) = error else { return false }
            return rejected == name && value.contains("\\0") && !"\(error)".contains("\u{0}")
        }
    }

    @Test(
        "bad transports and options are refused at setup with the value named",
        arguments: [
            (SyslogSink.Transport.tcp(host: "", port: 514), SyslogSink.Options(), "host"),
            (.udp(host: "127.0.0.1", port: 0), SyslogSink.Options(), "port"),
            (.unix(path: String(repeating: "x", count: 108)), SyslogSink.Options(), "path"),
            (.tcp(host: "127.0.0.1", port: 514), SyslogSink.Options(timeout: .milliseconds(-1)), "timeout"),
            (
                .tcp(host: "127.0.0.1", port: 514),
                SyslogSink.Options(reconnectDelay: .seconds(2), maximumReconnectDelay: .seconds(1)),
                "maximumReconnectDelay"
            ),
        ])
    func rejectsBadOptions(transport: SyslogSink.Transport, options: SyslogSink.Options, name: String) {
        #expect {
            try SyslogSink(transport, options: options)
        } throws: { error in
            guard case SyslogSinkError.invalidOption(let rejected, _, _) = error else { return false }
            return rejected == name && "\(error)".contains(name)
        }
    }
}
