extension JSONFormatter {
    /// Elastic Common Schema, as the ECS logging specification lays it out, for Filebeat,
    /// Elastic Agent and Elasticsearch (the Formats guide maps each member to its key):
    ///
    /// ```json
    /// {"@timestamp":"2024-08-06T11:54:56.789Z","log.level":"info","message":"charge created","log.logger":"payments","ecs.version":"8.11.0","service.name":"checkout","event.dataset":"checkout.log","amount":42}
    /// ```
    public static func elasticCommonSchema(
        service: String? = nil,
        version: String? = nil,
        environment: String? = nil,
        ecsVersion: String = "8.11.0",
        includesSourceLocation: Bool = false
    ) -> JSONFormatter {
        var fields: LogFields = ["ecs.version": ecsVersion]
        if let service { fields["service.name"] = service }
        if let version { fields["service.version"] = version }
        if let environment { fields["service.environment"] = environment }
        if let service { fields["event.dataset"] = service + ".log" }
        return JSONFormatter(
            keys: Keys(
                timestamp: "@timestamp", level: "log.level", logger: "log.logger", message: "message",
                errorType: "error.type", errorMessage: "error.message", stackTrace: "error.stack_trace"),
            headerOrder: [.timestamp, .level, .message, .logger],
            errorLayout: .flattened,
            staticFields: fields,
            includesSourceLocation: includesSourceLocation,
            sourceLocationLayout: SourceLocationLayout(
                flattenedFile: "log.origin.file.name", function: "log.origin.function", line: "log.origin.file.line")
        ).with { $0.traceKeys = .elasticCommonSchema }
    }

    /// Google Cloud Logging's structured logging, for Cloud Run, GKE, Cloud Functions and
    /// the Ops Agent (the Formats guide maps each member to its key):
    ///
    /// ```json
    /// {"time":"2024-08-06T11:54:56.789Z","severity":"INFO","logger":"payments","message":"charge created","logging.googleapis.com/sourceLocation":{"file":"Payments/Charge.swift","function":"charge()","line":"42"}}
    /// ```
    ///
    /// Levels are ``LogLevelNames/googleCloudSeverity``; the call site is on by default. The
    /// trace's project is `project`, else the `GOOGLE_CLOUD_PROJECT` environment variable
    /// read when the preset is built.
    public static func googleCloudLogging(
        service: String? = nil,
        version: String? = nil,
        environment: String? = nil,
        project: String? = nil,
        includesSourceLocation: Bool = true
    ) -> JSONFormatter {
        var fields = LogFields()
        if service != nil || version != nil {
            var context = LogFields()
            if let service { context["service"] = service }
            if let version { context["version"] = version }
            fields["serviceContext"] = context
        }
        if let environment {
            fields["logging.googleapis.com/labels"] = ["env": environment] as LogFields
        }
        return JSONFormatter(
            keys: Keys(timestamp: "time", level: "severity"),
            levelNames: .googleCloudSeverity,
            staticFields: fields,
            includesSourceLocation: includesSourceLocation,
            sourceLocationLayout: SourceLocationLayout(
                nestedUnder: "logging.googleapis.com/sourceLocation", lineAsString: true)
        ).with { $0.traceKeys = .googleCloud(project: googleCloudProject(project)) }
    }

    /// The first of `project` and `variable` that is not empty, trimmed.
    package static func googleCloudProject(
        _ project: String?, variable: String? = System.environment("GOOGLE_CLOUD_PROJECT")
    ) -> String? {
        [project, variable].compactMap { $0?.trimmingSpaces() }.first { !$0.isEmpty }
    }

    /// Datadog's reserved and standard attributes, for the Datadog Agent and Forwarder (the
    /// Formats guide maps each member to its key):
    ///
    /// ```json
    /// {"timestamp":"2024-08-06T11:54:56.789Z","status":"info","logger.name":"payments","message":"charge created","service":"checkout","env":"prod","version":"1.4.2"}
    /// ```
    public static func datadog(
        service: String? = nil,
        environment: String? = nil,
        version: String? = nil,
        includesSourceLocation: Bool = false
    ) -> JSONFormatter {
        var fields = LogFields()
        if let service { fields["service"] = service }
        if let environment { fields["env"] = environment }
        if let version { fields["version"] = version }
        return JSONFormatter(
            keys: Keys(
                level: "status", logger: "logger.name",
                errorType: "error.kind", errorMessage: "error.message", stackTrace: "error.stack"),
            errorLayout: .flattened,
            staticFields: fields,
            includesSourceLocation: includesSourceLocation,
            sourceLocationLayout: SourceLocationLayout(
                flattenedFile: "logger.file_name", function: "logger.method_name", line: "logger.line")
        ).with { $0.traceKeys = .datadog }
    }
}
