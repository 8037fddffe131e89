/// Why a ``SyslogSink`` could not be created. Thrown only at setup: a running syslog sink never throws.
public enum SyslogSinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option or part of the transport has a value that is not accepted.
    case invalidOption(name: String, value: String, accepted: String)

    /// Names the option, its value and what is accepted.
    public var description: String {
        switch self {
        case .invalidOption(let name, let value, let accepted):
            "SyslogSink: \(name) = \(value) is not accepted; expected \(accepted)"
        }
    }
}
