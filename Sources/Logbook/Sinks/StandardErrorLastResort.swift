/// Logbook's own output on standard error: the default last resort, which writes records that
/// found no sink as console text without colour after one line per process explaining why, and
/// ``report(_:)`` for Logbook's own problems (a failing sink), each as one line starting with `Logbook:`.
final class StandardErrorLastResort: LogSink, CustomStringConvertible {
    static let shared = StandardErrorLastResort()

    /// Standard error. Its own failures are not reported: where would they go?
    private static let output: StreamSink = {
        let sink = StreamSink(.standardError, formatter: ConsoleFormatter(colors: .never))
        sink.failures.reportFirst(to: { _ in })
        return sink
    }()

    let level = LogLevel.warning
    private let arrivals = FailureCounter(
        consequence: "Such records go to standard error (set Log.lastResort = nil to drop them).")

    func write(_ record: LogRecord) {
        arrivals.record(
            "a warning or worse from logger \"\(record.logger)\" reached no sink: the application has not "
                + "called Log.bootstrap, or that logger's branch has no sink")
        Self.output.write(record)
    }

    /// Writes `message` as one line to standard error, under the descriptor's shared
    /// lock so it never lands inside another writer's line. Never fails.
    static func report(_ message: String) {
        var line = "Logbook: " + message + "\n"
        line.withUTF8 { output.writeLines(UnsafeRawBufferPointer($0)) }
    }

    var description: String { "standard error (last resort, warning and above)" }
}
