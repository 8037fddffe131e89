extension JSONFormatter {
    /// Elastic Common Schema, as the ECS logging specification lays it out, for
    /// Filebeat, Elastic Agent and Elasticsearch:
    ///
    /// ```json
    /// {"@timestamp":"2024-08-06T11:54:56.789Z","log.level":"info","message":"charge created","log.logger":"payments","ecs.version":"8.11.0","service.name":"checkout","event.dataset":"checkout.log","amount":42}
    /// ```
    ///
    /// `@timestamp`, `log.level` and `message` come first, in that order, as the
    /// specification requires; then `log.logger`; an error as `error.type`,
    /// `error.message` and `error.stack_trace`; `ecs.version`; the service as
    /// `service.name`, `service.version`, `service.environment` and (with a service name)
    /// `event.dataset` = `<service>.log`; then the record's fields. Dotted keys stay at
    /// the top level, which the specification requires for `log.level` and Elasticsearch
    /// reads as nested fields. The call site, opt-in as the specification recommends,
    /// goes to `log.origin.file.name`, `log.origin.function` and `log.origin.file.line`.
    /// Levels are the lowercase names (`info`, `warning`, ...). The trace context fields
    /// `trace_id` and `span_id` (see ``LogFieldProvider``) are written as ECS's `trace.id`
    /// and `span.id`; `trace_flags`, which ECS has no field for, as it is.
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

    /// Google Cloud Logging's structured logging, for Cloud Run, GKE, Cloud Functions
    /// and the Ops Agent, which read one JSON object per line from standard output:
    ///
    /// ```json
    /// {"time":"2024-08-06T11:54:56.789Z","severity":"INFO","logger":"payments","message":"charge created","logging.googleapis.com/sourceLocation":{"file":"Payments/Charge.swift","function":"charge()","line":"42"}}
    /// ```
    ///
    /// `severity` carries Cloud Logging's names (``LogLevelNames/googleCloudSeverity``;
    /// trace becomes `DEBUG`), `time` the RFC 3339 timestamp, `message` the text, and
    /// `logging.googleapis.com/sourceLocation` the call site (on by default) with its
    /// `line` as a string, as `LogEntrySourceLocation` encodes it. A service and version
    /// go to `serviceContext` (which Error Reporting reads) and an environment to the
    /// entry's labels, `logging.googleapis.com/labels`. Every other member lands in the
    /// entry's `jsonPayload`.
    ///
    /// The trace context fields (see ``LogFieldProvider``) become the entry's trace:
    /// `trace_id` is written as `logging.googleapis.com/trace`,
    /// `projects/<project>/traces/<trace_id>`, `span_id` as `logging.googleapis.com/spanId`
    /// and `trace_flags` as the bool `logging.googleapis.com/trace_sampled` (its sampled
    /// bit). The project is `project`, else the `GOOGLE_CLOUD_PROJECT` environment variable
    /// read when the preset is built; without either, the trace is the bare trace id.
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

    /// `project` when not empty, else `variable` (`GOOGLE_CLOUD_PROJECT`'s value) when not
    /// empty, else `nil`.
    package static func googleCloudProject(
        _ project: String?, variable: String? = System.environment("GOOGLE_CLOUD_PROJECT")
    ) -> String? {
        if let project = project?.trimmingSpaces(), !project.isEmpty { return project }
        if let variable = variable?.trimmingSpaces(), !variable.isEmpty { return variable }
        return nil
    }

    /// Datadog's reserved and standard attributes, for the Datadog Agent and Forwarder:
    ///
    /// ```json
    /// {"timestamp":"2024-08-06T11:54:56.789Z","status":"info","logger.name":"payments","message":"charge created","service":"checkout","env":"prod","version":"1.4.2"}
    /// ```
    ///
    /// `timestamp` (RFC 3339, read by Datadog's date remapper), `status` (lowercase
    /// level names, which Datadog's status remapper maps by their first letters: trace
    /// and debug to debug, notice to notice, ...), `logger.name`, `message`; an error as
    /// `error.kind`, `error.message` and `error.stack`; and unified service tagging's
    /// `service`, `env` and `version`. Datadog reads dotted keys as attribute paths. The
    /// trace context fields (see ``LogFieldProvider``) `trace_id` and `span_id` are written
    /// as `dd.trace_id` and `dd.span_id`, each the low 64 bits of the id as a decimal string,
    /// which is how Datadog joins logs to OpenTelemetry traces; `trace_flags` as it is.
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
