/// A sink that can take ownership of a record the logging path gives up (the last sink
/// it reaches), instead of copying it from ``LogSink/write(_:)`` to keep it (``AsyncSink``).
protocol RecordTakingSink: LogSink {
    /// Delivers `record`, which the sink now owns. Same contract as ``LogSink/write(_:)``.
    func take(_ record: consuming LogRecord)
}
