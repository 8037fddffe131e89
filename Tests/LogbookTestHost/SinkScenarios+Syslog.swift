import Logbook

extension SinkScenarios {
    /// `syslog-send udp|tcp|unix TARGET COUNT INTERVAL_MICROSECONDS`: sends COUNT records
    /// with a `seq` field, one every INTERVAL, then drains the backlog. Prints, as
    /// `key=value`, the first and last `seq` written while the backlog was not empty.
    static let syslogSend: Scenario = { arguments in
        guard arguments.count == 4, let count = Int(arguments[2]), let interval = Int(arguments[3]) else {
            say("usage: syslog-send udp|tcp|unix TARGET COUNT INTERVAL_MICROSECONDS")
            return 64
        }
        let transport: SyslogSink.Transport
        switch arguments[0] {
        case "udp", "tcp":
            let parts = arguments[1].split(separator: ":")
            let host = String(parts[0])
            let port = Int(parts[1])!
            transport = arguments[0] == "udp" ? .udp(host: host, port: port) : .tcp(host: host, port: port)
        default:
            transport = .unix(path: arguments[1])
        }
        let sink: SyslogSink
        do {
            sink = try SyslogSink(
                transport, formatter: SyslogFormatter(facility: .local3, appName: "logbook-ci"),
                options: .init(reconnectDelay: .milliseconds(50), maximumReconnectDelay: .milliseconds(200)))
        } catch {
            say("unexpected: \(error)")
            return 1
        }
        var firstBacklogged: Int?
        var lastBacklogged: Int?
        for seq in 0..<count {
            let level: LogLevel = [.info, .warning, .error, .notice][seq % 4]
            sink.write(
                LogRecord(
                    level: level, logger: "ci.syslog", message: "syslog record \(seq)",
                    fields: ["seq": seq, "transport": arguments[0], "user": ["id": 7] as LogValue]))
            if sink.backlogCount > 0 {
                if firstBacklogged == nil { firstBacklogged = seq }
                lastBacklogged = seq
            }
            sleep(microseconds: interval)
        }
        let drained = sink.shutdown(timeout: .seconds(20))
        say(
            "sent=\(sink.sentCount) dropped=\(sink.droppedCount) failures=\(sink.failureCount) drained=\(drained) "
                + "first_backlogged=\(firstBacklogged ?? -1) last_backlogged=\(lastBacklogged ?? -1)")
        return drained ? 0 : 1
    }
}
