import Foundation
import Logbook
import Testing

/// What a user sees when a syslog receiver refuses a message or goes away after the sink
/// connected: what is counted and reported, and which messages still arrive, in order.
@Suite("SyslogSink: failures after connecting")
struct SyslogSinkFailureTests {
    private let formatter = SyslogFormatter(facility: .local0, appName: "payments", hostname: "web-1", processID: "42")

    private func record(_ message: String) -> LogRecord {
        LogRecord(level: .info, logger: "payments", message: message)
    }

    /// The last word of each datagram: the message of the records these tests write.
    private func messages(_ datagrams: [String]) -> [String] {
        datagrams.map { String($0.split(separator: " ").last ?? "") }
    }

    private func socketPath() -> String {
        NSTemporaryDirectory() + "logbook-\(UUID().uuidString.prefix(8)).sock"
    }

    @Test("a datagram too large for UDP is rejected: dropped, counted and reported, and the next message is sent")
    func oversizeDatagramRejected() throws {
        let receiver = TestReceiver(.udp)
        let large = SyslogFormatter(appName: "payments", hostname: "web-1", processID: "42", lineLimit: 100_000)
        let sink = try SyslogSink(.udp(host: "127.0.0.1", port: receiver.port), formatter: large)
        let reports = ReportCollector()
        sink.failures.reportFirst(to: reports.report)
        sink.write(record(String(repeating: "x", count: 70_000)))  // over UDP's 65,507 bytes: EMSGSIZE
        sink.write(record("small"))
        #expect(sink.droppedCount == 1 && sink.failureCount == 1)
        #expect(sink.backlogCount == 0, "a message that can never be sent is not kept")
        #expect(reports.messages.count == 1)
        let report = try #require(reports.messages.first)
        #expect(
            report.hasPrefix("SyslogSink udp://127.0.0.1:\(receiver.port): udp://127.0.0.1:\(receiver.port) rejected"))
        #expect(report.contains("bytes: EMSGSIZE"))
        #expect(receiver.datagram().map { messages([$0]) } == ["small"])
    }

    @Test("a Unix datagram receiver that goes away: the send fails, the message waits, and arrives once it is back")
    func unixReceiverGoesAway() throws {
        let path = socketPath()
        defer { unlink(path) }
        var receiver = TestReceiver(.unix(path))
        let sink = try SyslogSink(
            .unix(path: path), formatter: formatter, level: .trace, filters: [],
            options: .init(reconnectDelay: .milliseconds(1), maximumReconnectDelay: .milliseconds(1)))
        let reports = ReportCollector()
        sink.failures.reportFirst(to: reports.report)
        sink.write(record("m0"))
        #expect(receiver.datagram().map { messages([$0]) } == ["m0"])
        receiver.close()  // the connected sink's peer is gone
        sink.write(record("m1"))
        #expect(sink.failureCount == 1 && sink.backlogCount == 1 && sink.droppedCount == 0)
        #expect(
            reports.messages.first?.hasPrefix(
                "SyslogSink unix://\(path): sending to unix://\(path) failed: ECONNREFUSED") == true)
        receiver = TestReceiver(.unix(path))
        Thread.sleep(forTimeInterval: 0.01)
        sink.write(record("m2"))
        let received = (0..<2).compactMap { _ in receiver.datagram(timeout: 500) }
        #expect(messages(received) == ["m1", "m2"])
        #expect(sink.backlogCount == 0 && sink.sentCount == 3)
    }

    @Test("a TCP receiver that resets the connection: the next message reconnects first and arrives, nothing counted")
    func tcpReceiverResets() throws {
        let receiver = TestReceiver(.tcp)
        let sink = try SyslogSink(.tcp(host: "127.0.0.1", port: receiver.port), formatter: formatter)
        sink.failures.reportFirst(to: { _ in })
        sink.write(record("m0"))
        // Accepted here, read, then closed with a reset (SO_LINGER 0): the sink's next recv fails with ECONNRESET.
        var listener = pollfd(fd: receiver.fd, events: Int16(POLLIN), revents: 0)
        #expect(poll(&listener, 1, 2000) == 1)
        let first = accept(receiver.fd, nil, nil)
        var buffer = [UInt8](repeating: 0, count: 4096)
        var connection = pollfd(fd: first, events: Int16(POLLIN), revents: 0)
        #expect(poll(&connection, 1, 2000) == 1 && recv(first, &buffer, buffer.count, 0) > 0)
        var reset = linger(l_onoff: 1, l_linger: 0)
        setsockopt(first, SOL_SOCKET, SO_LINGER, &reset, socklen_t(MemoryLayout<linger>.size))
        close(first)
        Thread.sleep(forTimeInterval: 0.01)
        sink.write(record("m1"))
        #expect(receiver.frame().map { messages([$0]) } == ["m1"], "on a second connection")
        #expect(sink.failureCount == 0 && sink.backlogCount == 0 && sink.sentCount == 2)
    }

    @Test("a backlog of more than 1,024 messages, once delivered, releases its storage; a short one keeps it")
    func deliveredBacklogReleasesItsStorage() throws {
        let port = TestReceiver(.tcp).port  // closed again: connecting is refused until the receiver below
        let sink = try SyslogSink(
            .tcp(host: "127.0.0.1", port: port), formatter: formatter, level: .trace, filters: [],
            options: .init(reconnectDelay: .seconds(3600), maximumReconnectDelay: .seconds(3600)))
        sink.failures.reportFirst(to: { _ in })
        for index in 0..<1100 { sink.write(record("m\(index)")) }
        #expect(sink.backlogCount == 1100 && sink.droppedCount == 0)
        let receiver = TestReceiver(.tcp, port: port)
        sink.flush()  // about 70 KB: the connection's buffers take it all without a read
        #expect(sink.backlogCount == 0 && sink.sentCount == 1100)
        #expect(sink.backlogRoom == 0, "the storage of 1,100 messages is not kept once they are sent")
        #expect(
            (0..<1100).compactMap { _ in receiver.frame(timeout: 500) }.map { messages([$0])[0] }
                == (0..<1100).map { "m\($0)" })
        receiver.close()
        for index in 0..<10 { sink.write(record("n\(index)")) }
        let again = TestReceiver(.tcp, port: port)
        sink.flush()
        #expect(sink.backlogCount == 0 && sink.sentCount == 1110)
        #expect(sink.backlogRoom > 0, "a short outage's storage is kept for the next one")
        #expect(
            (0..<10).compactMap { _ in again.frame(timeout: 500) }.map { messages([$0])[0] }
                == (0..<10).map { "n\($0)" })
    }

    @Test("a long outage drops the oldest from a full backlog, thousands of times, and delivers the newest in order")
    func longOutageKeepsTheNewest() throws {
        let path = socketPath()
        defer { unlink(path) }
        let sink = try SyslogSink(
            .unix(path: path), formatter: formatter, level: .trace, filters: [],
            options: .init(backlogCapacity: 10, reconnectDelay: .seconds(3600), maximumReconnectDelay: .seconds(3600)))
        sink.failures.reportFirst(to: { _ in })
        for index in 0..<3000 { sink.write(record("m\(index)")) }
        #expect(sink.backlogCount == 10 && sink.droppedCount == 2990 && sink.failureCount == 1)
        let receiver = TestReceiver(.unix(path))
        sink.flush()
        var received: [String] = []
        while let datagram = receiver.datagram(timeout: 200) { received.append(datagram) }
        #expect(messages(received) == (2990..<3000).map { "m\($0)" })
        #expect(sink.backlogCount == 0 && sink.sentCount == 10)
    }
}
