#if SwiftLogBridge
import Logbook
import LogbookSwiftLog
import Logging

/// Scenarios for the swift-log bridge: `LoggingSystem.bootstrap` can run once per
/// process, so each installation gets a process of its own.
enum SwiftLogScenarios {
    static let all: [String: Scenario] = [
        "swiftlog-bridge": bridge,
        "swiftlog-context-provider": contextProvider,
        "swiftlog-handler-sink": handlerSink,
        "swiftlog-unredacted-cycle": unredactedCycle,
    ]

    /// Installs the bridge in one line, logs through swift-log inside a context, quiets
    /// the logger through the hierarchy, then tries to install the bridge again.
    static func bridge(_ arguments: [String]) async -> Int32 {
        let setup: LogSetup
        do {
            setup = try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])
                .bridgingSwiftLog()
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        let hummingbird = Logger(label: "Hummingbird")
        await LogContext.with(["request_id": "r-42"]) {
            var request = hummingbird
            request[metadataKey: "hb.request.id"] = "1"
            request.info("request", metadata: ["status": .stringConvertible(200)])
            await withTaskGroup(of: Void.self) { group in
                group.addTask { Logger(label: "com.example.db").debug("query: debug is off") }
                group.addTask { Logger(label: "com.example.db").notice("query") }
            }
        }
        Log("Hummingbird").level = .warning
        hummingbird.info("quieted by the hierarchy")
        hummingbird.warning("still shown")
        do {
            try setup.bridgingSwiftLog()
            printToStandardError("second install: no error")
        } catch {
            printToStandardError("second install: \(error)")
        }
        return 0
    }

    /// A plain swift-log handler, tagged with the Logbook context by the metadata provider.
    static func contextProvider(_ arguments: [String]) async -> Int32 {
        LoggingSystem.bootstrap(StreamLogHandler.standardOutput, metadataProvider: .logContext)
        let logger = Logger(label: "plain")
        LogContext.with(["request_id": "r-7"]) { logger.info("inside") }
        logger.info("outside")
        return 0
    }

    /// The bridge installed and a `SwiftLogHandlerSink` over swift-log's standard-error
    /// handler next to it, with swift-log's task-local metadata as a field provider: a
    /// swift-log record and a `Log` record, both in a `withLogger` scope, each reach
    /// standard output once (JSON) and standard error once (the handler), never looping.
    static func handlerSink(_ arguments: [String]) async -> Int32 {
        do {
            try Log.bootstrap(
                level: .info,
                sinks: [
                    StreamSink(.standardOutput, formatter: JSONFormatter()),
                    SwiftLogHandlerSink(loggerKey: "logger") { StreamLogHandler.standardError(label: $0) },
                ],
                fieldProviders: [.swiftLogMetadata]
            ).bridgingSwiftLog()
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        var request = Logger(label: "Hummingbird")
        request[metadataKey: "hb.request.id"] = "7"
        withLogger(request) { logger in
            logger.info("Request")
            Log("app").info("handled", ["status": 200])
        }
        return 0
    }

    /// With redaction off (nothing converts nested values on the way), a value whose
    /// conversion nests without end handed to a swift-log handler: by `SwiftLogHandlerSink`
    /// and by the `.logContext` metadata provider. Both must end, with `[too deep]`.
    static func unredactedCycle(_ arguments: [String]) async -> Int32 {
        do {
            try Log.bootstrap(
                LogConfiguration(
                    level: .info,
                    sinks: [SwiftLogHandlerSink { StreamLogHandler.standardError(label: $0) }],
                    redaction: .disabled))
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        Log("app").info("sink", ["loop": Cycle()])
        let plain = Logger(label: "plain") { StreamLogHandler.standardOutput(label: $0, metadataProvider: .logContext) }
        LogContext.with(["loop": Cycle()]) { plain.info("provider") }
        return 0
    }

    /// A convertible whose value holds itself.
    struct Cycle: LogValueConvertible {
        var logValue: LogValue { ["next": Cycle()] }
    }

    private static func printToStandardError(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }
}
#else
/// The swift-log scenarios exist only with the `SwiftLogBridge` trait.
enum SwiftLogScenarios {
    static let all: [String: Scenario] = [:]
}
#endif
