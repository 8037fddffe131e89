/// The severity of a log record. Levels compare by severity and match swift-log's one to one.
public enum LogLevel: UInt8, Sendable, Hashable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    /// Very fine-grained diagnostics, usually only enabled while chasing a bug.
    case trace = 0
    /// Diagnostics useful to developers.
    case debug = 1
    /// Normal operational messages. The root logger's default level.
    case info = 2
    /// Normal but significant conditions that deserve attention.
    case notice = 3
    /// Something unexpected happened; the program continues.
    case warning = 4
    /// An operation failed.
    case error = 5
    /// The program, or a major part of it, cannot continue.
    case critical = 6

    /// Orders levels by severity.
    @inlinable
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The lowercase name, `"trace"` to `"critical"`: what ``JSONFormatter`` writes by default.
    public var name: String { LogLevelNames.lowercase[self] }

    /// The same as ``name``.
    public var description: String { name }

    /// The uppercase name, `"TRACE"` to `"CRITICAL"`.
    public var uppercaseName: String {
        switch self {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info: "INFO"
        case .notice: "NOTICE"
        case .warning: "WARNING"
        case .error: "ERROR"
        case .critical: "CRITICAL"
        }
    }
}
