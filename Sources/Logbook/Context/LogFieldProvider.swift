/// Returns fields for the record being created, on the logging task, once per enabled record.
///
/// For fields that change within one task, such as a trace's current span. A provider
/// registered at bootstrap (``LogConfiguration/fieldProviders``) is called on the logging
/// thread and task, so it can read task-locals. Its fields rank below the call site's, the
/// bound ones and ``LogContext``'s (see ``LogRecord/providedFields``).
///
/// ```swift
/// let region = LogFieldProvider(name: "region") { ["region": currentRegion()] }
/// try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput)], fieldProviders: [region])
/// ```
///
/// It must be fast and never block. A record it logs goes to the last resort, not back through it.
public struct LogFieldProvider: Sendable {
    /// A name for the provider, listed by ``LogSetup/description``.
    public let name: String
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
