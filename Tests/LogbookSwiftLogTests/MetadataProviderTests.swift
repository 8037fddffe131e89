#if SwiftLogBridge
import Logbook
import LogbookSwiftLog
import Logging
import Synchronization
import Testing

/// A plain swift-log handler that keeps what it is given, as a third-party handler would.
struct RecordingHandler: LogHandler {
    final class Storage: Sendable {
        let entries = LockedState<[Logger.Metadata]>([])
    }

    let storage: Storage
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        merged.merge(metadataProvider?.get() ?? [:]) { _, provided in provided }
        merged.merge(event.metadata ?? [:]) { _, explicit in explicit }
        storage.entries.withLock { $0.append(merged) }
    }
}

@Suite("swift-log metadata provider for LogContext")
struct MetadataProviderTests {
    @Test("plain swift-log handlers see the task-local context through .logContext")
    func plainHandlerSeesContext() {
        let storage = RecordingHandler.Storage()
        let logger = Logger(label: "plain") { _ in
            RecordingHandler(storage: storage, metadataProvider: .logContext)
        }
        LogContext.with(["request_id": "r-42", "attempt": 2]) {
            logger.info("inside")
        }
        logger.info("outside")
        let entries = storage.entries.withLock { $0 }
        #expect(entries.count == 2)
        #expect(entries.first?["request_id"] == "r-42")
        #expect(entries.first?["attempt"]?.description == "2")
        #expect(entries.first?["attempt"]?.logValue == .int(2), "the number survives a trip back into Logbook")
        #expect(entries.last == [:])
    }

    @Test("context secrets reach plain swift-log handlers redacted, nested ones too")
    func contextSecretsRedacted() {
        let storage = RecordingHandler.Storage()
        let logger = Logger(label: "plain") { _ in
            RecordingHandler(storage: storage, metadataProvider: .logContext)
        }
        LogContext.with([
            "client_secret": "cs-bound-9", "request_id": "r-42", "user": ["password": "pw", "name": "ada"] as LogValue,
        ]) {
            logger.info("inside")
        }
        let entry = storage.entries.withLock { $0.first }
        #expect(entry?["client_secret"] == "[REDACTED]")
        #expect(entry?["request_id"] == "r-42")
        #expect(entry?["user"] == ["password": "[REDACTED]", "name": "ada"])
    }

    @Test("keys are redacted in every spelling, inside custom values and arrays, and marked values stay hidden")
    func redactionMatchesTheFieldPipeline() {
        let storage = RecordingHandler.Storage()
        let logger = Logger(label: "plain") { _ in
            RecordingHandler(storage: storage, metadataProvider: .logContext)
        }
        let sessions = LogValue.array([.object(["Refresh-Token": "rt-1", "device": "phone"]), .string("plain")])
        LogContext.with([
            "Client-Secret": "cs-1", "API_KEY": "ak-2", "profile": Profile(), "sessions": sessions,
            "email": .sensitive("ada@example.com"), "tokens": "kept",
        ]) {
            logger.info("inside")
        }
        let entry = storage.entries.withLock { $0.first }
        #expect(entry?["Client-Secret"] == "[REDACTED]")
        #expect(entry?["API_KEY"] == "[REDACTED]")
        #expect(entry?["profile"] == ["Password": "[REDACTED]", "name": "ada"])
        #expect(entry?["sessions"] == [["Refresh-Token": "[REDACTED]", "device": "phone"], "plain"])
        #expect(entry?["email"]?.description.contains("ada@example.com") == false)
        #expect(entry?["tokens"] == "kept")
    }

    @Test("a context value converted to a scalar first and to an object holding a secret later: redacted")
    func laterConversionRedacted() {
        let storage = RecordingHandler.Storage()
        let logger = Logger(label: "plain") { _ in
            RecordingHandler(storage: storage, metadataProvider: .logContext)
        }
        LogContext.with(["session": ScalarThenObject(), "tokens": "kept"]) {
            logger.info("inside")
        }
        let entry = storage.entries.withLock { $0.first }
        #expect(entry?["session"] == ["password": "[REDACTED]", "user": "u-8"])
        #expect(entry?["tokens"] == "kept")
    }

    /// A custom value converted to an object holding a redacted key.
    struct Profile: LogValueConvertible {
        var logValue: LogValue { .object(["Password": "pw-3", "name": "ada"]) }
    }

    @Test("inner context scopes win, as for native records")
    func innerScopeWins() {
        let storage = RecordingHandler.Storage()
        let logger = Logger(label: "plain") { _ in
            RecordingHandler(storage: storage, metadataProvider: .logContext)
        }
        LogContext.with(["user": "outer", "tenant": "t"]) {
            LogContext.with(["user": "inner"]) { logger.info("nested") }
        }
        let entry = storage.entries.withLock { $0.first }
        #expect(entry == ["user": "inner", "tenant": "t"])
    }
}

/// A value whose first conversion is a string and whose later ones are an object holding a
/// redacted key, as a shared object another thread updates might.
final class ScalarThenObject: LogValueConvertible, Sendable {
    private let conversions = Atomic(0)

    var logValue: LogValue {
        if conversions.add(1, ordering: .relaxed).newValue == 1 { return "s-1" }
        return .object(["password": "hunter2", "user": "u-8"])
    }
}
#endif
