#if SwiftLogBridge
/// Why ``Logbook/LogSetup/bridgingSwiftLog(metadataProvider:file:line:)`` refused to
/// install the bridge.
public enum SwiftLogBridgeError: Error, Sendable, CustomStringConvertible {
    /// The bridge is already installed in this process; `firstCall` is where (`main.swift:12`).
    case alreadyInstalled(firstCall: String)

    /// A message saying what was wrong.
    public var description: String {
        switch self {
        case .alreadyInstalled(let firstCall):
            "bridgingSwiftLog was already called (first at \(firstCall)); swift-log's LoggingSystem "
                + "can be bootstrapped once per process."
        }
    }
}
#endif
