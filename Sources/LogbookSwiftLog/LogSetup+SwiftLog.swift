#if SwiftLogBridge
public import Logbook
public import Logging

extension LogSetup {
    /// Makes swift-log's `LoggingSystem` use ``LogbookLogHandler``, so every swift-log
    /// `Logger` created from now on logs into the Logbook hierarchy. Chain it to the
    /// bootstrap, first thing in `main`:
    ///
    /// ```swift
    /// try Log.bootstrap(.environment).bridgingSwiftLog()
    /// ```
    ///
    /// - Parameter metadataProvider: Given to every handler, as
    ///   `LoggingSystem.bootstrap(_:metadataProvider:)` does. The task-local
    ///   ``LogContext`` needs none: bridged records carry it already.
    /// - Returns: `self`, so the setup can still be printed or flushed.
    /// - Throws: ``SwiftLogBridgeError/alreadyInstalled(firstCall:)`` on a second call.
    ///   swift-log itself allows one `LoggingSystem.bootstrap` per process and stops the
    ///   process on a second; call neither this after your own `LoggingSystem.bootstrap`
    ///   nor that after this.
    @discardableResult
    public func bridgingSwiftLog(
        metadataProvider: Logger.MetadataProvider? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) throws(SwiftLogBridgeError) -> LogSetup {
        try SwiftLogBridgeError.claimInstallation(callSite: "\(file):\(line)")
        LoggingSystem.bootstrap(LogbookLogHandler.init(label:metadataProvider:), metadataProvider: metadataProvider)
        return self
    }
}
#endif
