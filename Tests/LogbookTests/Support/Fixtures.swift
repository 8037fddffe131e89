import Logbook

/// 2024-08-06T11:54:56.789Z, the instant in AWS's Lambda log examples.
let fixedTimestamp = LogTimestamp(secondsSinceEpoch: 1_722_945_296, nanoseconds: 789_000_000)

/// A record with a pinned clock and source location.
func makeRecord(
    level: LogLevel = .info,
    logger: String = "payments",
    message: String = "charge created",
    fields: LogFields = [:],
    boundFields: LogFields = [:],
    context: LogContext = LogContext(),
    error: (any Error)? = nil
) -> LogRecord {
    LogRecord(
        timestamp: fixedTimestamp, level: level, logger: logger, message: message, fields: fields,
        boundFields: boundFields, context: context, error: error, file: "Payments/Gateway.swift",
        function: "charge(_:)", line: 42)
}

/// `text` in a string that keeps its bytes in a heap buffer, even when it is short
/// enough to be stored inside the `String` value itself (as literals of up to 15 bytes
/// are). Formatting reads short strings by their bytes, so both forms must behave alike.
func heapStored(_ text: String) -> String {
    var string = ""
    string.reserveCapacity(64)
    string += text
    return string
}

struct GatewayError: Error, CustomStringConvertible {
    var description: String { "card declined" }
}
