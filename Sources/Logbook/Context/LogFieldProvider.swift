/// Returns fields for the record being created, on the logging task, once per enabled record.
///
/// Some fields change within one task and cannot be bound once with ``LogContext``: the
/// current span of a trace changes many times within one request. A provider registered
/// at bootstrap (``LogConfiguration/fieldProviders``) is called when each record is created,
/// after the level check says the record is wanted, on the thread and task that logs, so it
/// can read task-locals. Its fields rank below every other layer: call site, then fields
/// bound with ``Log/with(_:)``, then ``LogContext``, then providers (see
/// ``LogRecord/providedFields``).
///
/// ```swift
/// let region = LogFieldProvider(name: "region") { ["region": currentRegion()] }
/// try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput)], fieldProviders: [region])
/// ```
///
/// A provider should be fast and must not block: it runs on every enabled record. A record
/// it logs itself goes to the last resort, never back through the providers.
public struct LogFieldProvider: Sendable {
    /// A name for the provider, listed by ``LogSetup/description``.
    public let name: String
    /// The function called for each record.
    let provide: @Sendable () -> LogFields

    /// Creates a provider named `name` that calls `provide` for each enabled record.
    public init(name: String, _ provide: @escaping @Sendable () -> LogFields) {
        self.name = name
        self.provide = provide
    }
}

extension LogFieldProvider: CustomStringConvertible {
    /// The provider's name.
    public var description: String { name }
}
