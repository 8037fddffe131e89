#if SwiftLogBridge
// This file imports Logbook next to swift-log, as a Vapor or Hummingbird application does,
// and uses both sides' names unqualified. If Logbook ever declared a type swift-log also
// declares (Logger, LogHandler, LoggingSystem, LogEvent, StreamLogHandler,
// MultiplexLogHandler) or a type named Logbook, this file would stop compiling.
import Logbook
import LogbookSwiftLog
import Logging
import Testing

/// A third-party handler written against swift-log, in the same file as Logbook code.
private struct NullHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {}
}

/// Never called: it only has to compile, including the bootstrap forms the guide shows.
private func bootstrapFormsCompile() throws {
    LoggingSystem.bootstrap(LogbookLogHandler.init)
    LoggingSystem.bootstrap(LogbookLogHandler.init(label:metadataProvider:), metadataProvider: .logContext)
    LoggingSystem.bootstrap { label in
        MultiplexLogHandler([LogbookLogHandler(label: label), StreamLogHandler.standardError(label: label)])
    }
    try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput)]).bridgingSwiftLog()
}

@Suite("Logbook and swift-log in one file")
struct NamingTests {
    @Test("both libraries' names resolve unqualified")
    func unqualifiedNames() {
        let swiftLogger = Logger(label: "com.example.db") { _ in NullHandler() }
        let native = Log("com.example.db")
        let level: LogLevel = .warning
        let swiftLevel: Logger.Level = .warning
        let event = LogEvent(
            level: swiftLevel, message: "m", metadata: nil, source: nil, file: #fileID, function: #function,
            line: #line)
        swiftLogger.handler.log(event: event)
        let handlers: [any LogHandler] = [NullHandler(), StreamLogHandler.standardError(label: "x")]
        _ = MultiplexLogHandler(handlers)
        #expect(native.name == swiftLogger.label)
        #expect(LogLevel(swiftLevel) == level)
        #expect(LogRecord(level: level, logger: native.name, message: "m").level == .warning)
    }
}
#endif
