public import Logbook

/// Collects the records that code run inside `capture(_:)` creates, for
/// assertions in tests that may run in parallel.
///
/// ```swift
/// @Test func declinedChargeIsLogged() async {
///     let logs = LogCapture()
///     await logs.capture {
///         await PaymentGateway().charge(amount: 42, card: .declined)
///     }
///     logs.expectLogged(level: .error, message: "charge failed", fields: ["amount": 42])
/// }
/// ```
///
/// The capture is bound to the current task tree, like ``LogContext``, not to a logger
/// or to the process: a record reaches it when it was created inside the operation (or
/// a child task of it), by any logger, so two tests running at the same time never see
/// each other's records. It does not need ``Log/bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)`` and does not
/// change any logger's configuration; records still go wherever the process-wide setup
/// sends them.
///
/// It sees records down to its `level` even when the hierarchy's levels would drop
/// them (a `debug` record while the root is at `info`, an `info` record before
/// bootstrap), so a test's outcome does not depend on what other tests configure. While
/// a capture is open, a logging call below its logger's level elsewhere in the process
/// pays one task-local read to find no capture; that costs time only in test processes.
///
/// Not captured: work that leaves the task tree without its context (`Task.detached`,
/// a `Thread`, a Dispatch queue) unless the code re-binds ``LogContext/current`` there,
/// and records a logger's own filters reject.
public final class LogCapture: Sendable, CustomStringConvertible {
    /// The lowest level captured.
    public let level: LogLevel
    private let sink: InMemorySink

    /// Creates an empty capture that keeps records at `level` and above.
    public init(level: LogLevel = .trace) {
        self.level = level
        self.sink = InMemorySink(level: level)
    }

    /// Runs `operation` and keeps every record created inside it at or above ``level``.
    ///
    /// Records already captured are kept; call it several times to capture several steps.
    public func capture<Result, Failure: Error>(_ operation: () throws(Failure) -> Result) throws(Failure) -> Result {
        try LogContext.with(capturing: sink, operation: operation)
    }

    /// Runs the async `operation` and keeps every record created inside it, and in its
    /// child tasks, at or above ``level``.
    public nonisolated(nonsending) func capture<Result, Failure: Error>(
        _ operation: nonisolated(nonsending) () async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        try await LogContext.with(capturing: sink, operation: operation)
    }

    /// Every record captured, in the order they were created.
    public var records: [LogRecord] { sink.records }

    /// The messages of every record captured, in order.
    public var messages: [String] { sink.messages }

    /// The records captured that match every criterion given; see
    /// ``contains(level:message:logger:fields:)``.
    public func records(
        level: LogLevel? = nil,
        message: String? = nil,
        logger: String? = nil,
        fields: LogFields = [:]
    ) -> [LogRecord] {
        let query = RecordQuery(level: level, message: message, logger: logger, fields: fields)
        return records.filter(query.matches)
    }

    /// Whether some captured record matches every criterion given.
    ///
    /// - Parameters:
    ///   - level: The record's exact level, or `nil` for any.
    ///   - message: The record's exact message, or `nil` for any.
    ///   - logger: The record's exact logger name (`root` for the root), or `nil` for any.
    ///   - fields: Fields the record must have, with equal typed values (`42` does not
    ///     match `42.0` or `"42"`), whichever layer they come from: call site, bound
    ///     (``Log/with(_:)``) or context. Other fields are allowed.
    ///
    /// For XCTest, where ``expectLogged(level:message:logger:fields:sourceLocation:)``
    /// cannot report, assert on it and print the capture on failure:
    ///
    /// ```swift
    /// XCTAssertTrue(logs.contains(level: .error, message: "charge failed"), "\(logs)")
    /// ```
    public func contains(
        level: LogLevel? = nil,
        message: String? = nil,
        logger: String? = nil,
        fields: LogFields = [:]
    ) -> Bool {
        !records(level: level, message: message, logger: logger, fields: fields).isEmpty
    }

    /// Forgets every record captured so far.
    public func removeAll() {
        sink.removeAll()
    }

    /// One line per captured record: level, logger, message and fields.
    public var description: String {
        let records = self.records
        if records.isEmpty { return "no records captured" }
        return records.map(RecordQuery.describe).joined(separator: "\n")
    }
}
