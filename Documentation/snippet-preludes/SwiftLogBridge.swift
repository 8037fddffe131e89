// The reader's code that Documentation/SwiftLogBridge.md's snippets refer to. Its imports
// apply to every snippet of the guide. Compiled by Documentation/check-snippets.py.
import Logbook
import Logging
import LogbookSwiftLog

/// A swift-log handler of the reader's own, composed with the bridge.
struct MyOtherHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    init(label: String) {}
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {}
}
