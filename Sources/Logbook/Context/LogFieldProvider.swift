/// Returns fields for each enabled record as it is created, on the logging thread and task (so it
/// can read task-locals), for fields that change within a task, such as a trace's current span.
/// Register it at bootstrap (``LogConfiguration/fieldProviders``); its fields rank lowest (see
/// ``LogRecord/providedFields``). Keep it fast and non-blocking; what it logs goes to the last resort.
public struct LogFieldProvider: Sendable, CustomStringConvertible {
    /// A name for the provider, listed by ``LogSetup/description``.
    public let name: String
    let provide: @Sendable () -> LogFields

    /// Creates a provider named `name` that calls `provide` for each enabled record.
    public init(name: String, _ provide: @escaping @Sendable () -> LogFields) {
        self.name = name
        self.provide = provide
    }

    /// The provider's name.
    public var description: String { name }
}
