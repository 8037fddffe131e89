#if !SwiftLogBridge
public import Logbook

/// Unavailable: enable the `SwiftLogBridge` package trait to use the swift-log bridge.
/// Without it this module has only these markers and the package depends on nothing.
@available(*, unavailable, message: "enable the SwiftLogBridge trait: .package(..., traits: [\"SwiftLogBridge\"])")
public struct LogbookLogHandler {}

/// Unavailable: enable the `SwiftLogBridge` package trait to hand records to a swift-log handler.
@available(*, unavailable, message: "enable the SwiftLogBridge trait: .package(..., traits: [\"SwiftLogBridge\"])")
public final class SwiftLogHandlerSink {}

extension LogSetup {
    /// Unavailable: enable the `SwiftLogBridge` package trait to install the swift-log bridge.
    @available(*, unavailable, message: "enable the SwiftLogBridge trait: .package(..., traits: [\"SwiftLogBridge\"])")
    public func bridgingSwiftLog() {}
}
#endif
