/// The severity of a log record.
///
/// Levels are ordered from least to most severe, so they compare naturally:
/// `LogLevel.debug < LogLevel.warning`. The set matches swift-log's, which lets
/// records move between the two systems one to one.
public enum LogLevel: UInt8, Sendable, Hashable, CaseIterable, Comparable, Codable {
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

    /// The canonical lowercase name of the level: `"trace"`, `"debug"`, ..., `"critical"`.
    ///
    /// This is the spelling ``JSONFormatter`` writes by default and the spelling
    /// ``LogLevel/init(parsing:)`` always accepts.
    public var name: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        case .critical: "critical"
        }
    }

    /// The canonical uppercase name of the level: `"TRACE"`, `"DEBUG"`, ..., `"CRITICAL"`.
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

extension LogLevel: CustomStringConvertible {
    /// The canonical lowercase name, the same as ``name``.
    public var description: String { name }
}
