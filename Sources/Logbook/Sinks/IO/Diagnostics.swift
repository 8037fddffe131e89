/// Reports Logbook's own problems (a failing sink, a record with nowhere to go) on
/// standard error, each as one line starting with `Logbook:`.
enum Diagnostics {
    /// Standard error, for these reports and the last resort's records (console text
    /// without colour). Its own failures are not reported: where would they go?
    static let standardError: StreamSink = {
        let sink = StreamSink(.standardError, formatter: ConsoleFormatter(colors: .never), level: .warning)
        sink.failures.reportFirst(to: { _ in })
        return sink
    }()

    /// Writes `message` as one line to standard error, under the descriptor's shared
    /// lock so it never lands inside another writer's line. Never fails.
    static func report(_ message: String) {
        var line = "Logbook: " + message + "\n"
        line.withUTF8 { standardError.writeLines(UnsafeRawBufferPointer($0)) }
    }
}
