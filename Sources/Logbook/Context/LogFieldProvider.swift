/// Returns fields that change within a task, such as a trace's current span, for each enabled
/// record as it is created, on the logging thread and task (<doc:Tracing>). Keep it fast and
/// non-blocking; what it logs goes to the last resort.
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
