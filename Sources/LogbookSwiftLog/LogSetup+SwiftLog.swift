#if SwiftLogBridge
public import Logbook
public import Logging

extension LogSetup {
    /// Makes swift-log's `LoggingSystem` use ``LogbookLogHandler``, so every swift-log
    /// `Logger` created from now on logs into the Logbook hierarchy. Chain it to the
    /// bootstrap, first thing in `main`: `try Log.bootstrap(.environment).bridgingSwiftLog()`.
    ///
    /// - Parameter metadataProvider: Given to every handler, as
    ///   `LoggingSystem.bootstrap(_:metadataProvider:)` does; ``LogContext`` needs none.
    /// - Returns: `self`, so the setup can still be printed or flushed.
    /// - Throws: ``SwiftLogBridgeError/alreadyInstalled(firstCall:)`` on a second call.
    ///   swift-log stops the process on a second `LoggingSystem.bootstrap`: do not call
    ///   this after your own, or yours after this.
    @discardableResult
    public func bridgingSwiftLog(
        metadataProvider: Logger.MetadataProvider? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) throws(SwiftLogBridgeError) -> LogSetup {
        let firstCall: String? = swiftLogBridgeInstallation.withLock { installed in
            if let installed { return installed }
            installed = "\(file):\(line)"
            return nil
        }
        if let firstCall { throw .alreadyInstalled(firstCall: firstCall) }
        LoggingSystem.bootstrap(LogbookLogHandler.init(label:metadataProvider:), metadataProvider: metadataProvider)
        return self
    }
}

/// Where the bridge was installed, once it has been.
private let swiftLogBridgeInstallation = LockedState<String?>(nil)
#endif
