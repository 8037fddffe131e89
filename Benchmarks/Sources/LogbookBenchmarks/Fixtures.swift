import Logbook
import Logging

/// The record every scenario logs: the same message, five call-site fields and three
/// context fields on both sides. swift-log's metadata values are strings, its cheapest
/// form; Logbook's keep their types.
enum Fixtures {
    static let message = "request completed"

    /// Five call-site fields, as a Logbook literal at each call site (see the scenarios).
    static let fieldKeys = ["method", "path", "status", "duration_ms", "cached"]

    /// Three context fields, bound once per request.
    static let contextFields: LogFields = [
        "request_id": "r-5f3a9c", "user_id": "u-1042", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
    ]

    static let contextMetadata: Logger.Metadata = [
        "request_id": "r-5f3a9c", "user_id": "u-1042", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
    ]
}

/// A Logbook sink that drops every record its filters accept: measures the logging front end
/// alone.
final class DiscardingSink: LogSink {
    let filters: [LogFilter]

    init(filters: [LogFilter] = []) { self.filters = filters }

    func write(_ record: LogRecord) {}
}

/// A swift-log handler that keeps its level and metadata like a real handler (so
/// `withLogger(mergingMetadata:)` has somewhere to put fields) and drops every event.
///
/// swift-log's own `SwiftLogNoOpLogHandler` forgets metadata and reports `.critical` as
/// its level, so records below critical never reach it; this one is the fair peer.
struct DiscardingLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {}
}
