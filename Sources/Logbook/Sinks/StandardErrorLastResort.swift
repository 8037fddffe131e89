/// The default last resort: writes records that found no sink to standard error as console
/// text without colour, after one line per process explaining why.
final class StandardErrorLastResort: LogSink, CustomStringConvertible {
    static let shared = StandardErrorLastResort()

    let level = LogLevel.warning
    private let arrivals = FailureCounter(
        consequence: "Such records go to standard error (set Log.lastResort = nil to drop them).")

    func write(_ record: LogRecord) {
        arrivals.record(
            "a warning or worse from logger \"\(record.logger)\" reached no sink: the application has not "
                + "called Log.bootstrap, or that logger's branch has no sink")
        Diagnostics.standardError.write(record)
    }

    var description: String { "standard error (last resort, warning and above)" }
}
