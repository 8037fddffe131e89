/// A sink that can take ownership of a record the logging path gives up, instead of
/// borrowing it through ``LogSink/write(_:)``.
///
/// A sink that keeps records (``AsyncSink`` queues them for its background thread) must
/// otherwise copy each one: every reference in it retained on the logging thread and the
/// caller's own copy released right after. A record is taken only by the last sink it
/// reaches, when nothing else needs it.
protocol RecordTakingSink: LogSink {
    /// Delivers `record`, which the sink now owns. Same contract as ``LogSink/write(_:)``.
    func take(_ record: consuming LogRecord)
}
