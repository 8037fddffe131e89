import Foundation
import Hummingbird
import Logbook
import LogbookServiceLifecycle
import LogbookSwiftLog
import LogbookTracing
import Logging
import OTel
import ServiceLifecycle
import UnixSignals

/// Starts the server: JSON lines on standard output and the same records over OTLP/HTTP,
/// each with the trace and span ids of the span it was logged in; spans over OTLP/HTTP;
/// listening on 127.0.0.1 and `PORT` (default 8080; `0` picks a free port, announced in
/// the `server started` record). swift-otel reads the standard `OTEL_*` variables
/// (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_SERVICE_NAME`, ...). Stops cleanly on SIGTERM or
/// SIGINT.
@main
enum TracedServer {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        var settings = ServerSettings()
        if let text = environment["PORT"] {
            guard let port = Int(text), (0...65_535).contains(port) else {
                FileHandle.standardError.write(Data("PORT must be a number from 0 to 65535, got '\(text)'\n".utf8))
                exit(2)
            }
            settings.port = port
        }
        var level = LogLevel.info
        if let text = environment["LOG_LEVEL"] {
            do {
                level = try LogLevel(parsing: text)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                exit(2)
            }
        }

        // swift-log's LoggingSystem can be bootstrapped once per process, and Logbook's
        // bridge owns it here. So swift-otel must not: `OTel.bootstrap` is called with logs
        // (and metrics) disabled, which bootstraps the tracer only.
        var tracesConfiguration = OTel.Configuration.default
        tracesConfiguration.serviceName = "traced-server"
        tracesConfiguration.diagnosticLogLevel = .warning  // swift-otel's own notes, on stderr
        tracesConfiguration.logs.enabled = false
        tracesConfiguration.metrics.enabled = false
        let tracing = try OTel.bootstrap(configuration: tracesConfiguration)

        // swift-otel's OTLP logging backend, made but not bootstrapped: its handler factory
        // goes to a Logbook sink, its service batches and exports in the background.
        var logsConfiguration = OTel.Configuration.default
        logsConfiguration.serviceName = "traced-server"
        logsConfiguration.diagnosticLogLevel = .warning
        logsConfiguration.logs.level = .trace  // Logbook's levels decide what is logged.
        logsConfiguration.traces.enabled = false
        logsConfiguration.metrics.enabled = false
        let otelLogs = try OTel.makeLoggingBackend(configuration: logsConfiguration)

        // One Logbook bootstrap: JSON lines on stdout and every record to swift-otel's
        // handler, on the logging task (so the handler sees the current span); the
        // providers add trace_id, span_id and trace_flags, and Hummingbird's hb.request.id
        // from swift-log's task-local logger. Then the bridge takes swift-log's
        // LoggingSystem, so Hummingbird's own records are Logbook records too.
        let setup = try Log.bootstrap(
            level: level,
            sinks: [
                StreamSink(.standardOutput, formatter: JSONFormatter()),
                // swift-otel exports neither the label nor `source`: keep the logger name
                // as the `logger` attribute.
                SwiftLogHandlerSink(loggerKey: "logger", otelLogs.factory),
            ],
            fieldProviders: [.traceContext, .swiftLogMetadata]
        ).bridgingSwiftLog()

        Log("hummingbird").level = .info
        let app = buildApplication(settings, hummingbirdLogger: Logging.Logger(label: "hummingbird"))

        // A ServiceGroup stops its services in reverse order: the server first, then the
        // tracer and the log exporter (each flushes what it holds), then LogbookService,
        // which drains Logbook's sinks after every other service has logged its last record.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: LogbookService(setup)),
                    .init(service: otelLogs.service),
                    .init(service: tracing),
                    .init(service: app, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logging.Logger(label: "servicegroup")))
        try await group.run()
        Log("app").info("server stopped")
    }
}
