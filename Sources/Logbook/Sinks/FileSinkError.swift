/// Why a ``FileSink`` could not be created. Thrown only at setup: a running file sink never throws.
public enum FileSinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened for appending.
    case cannotOpen(path: String, errno: Int32)
    /// The path is a symbolic link, refused (see the Production guide): give its target, or
    /// use a ``StreamSink`` for `/dev/stdout` and `/dev/stderr` (links too).
    case symbolicLink(path: String)
    /// A parent directory could not be created (with ``FileSink/Options/createsDirectories``).
    case cannotCreateDirectory(path: String, errno: Int32)
    /// An option has a value that is not accepted.
    case invalidOption(name: String, value: String, accepted: String)

    /// Names the path or option and the operating system's error.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let code):
            "FileSink cannot open \"\(path)\" for appending: \(Errno(code))"
        case .symbolicLink(let path):
            "FileSink will not open \"\(path)\": it is a symbolic link (files are opened with O_NOFOLLOW); "
                + "give the file it points to, or use StreamSink for standard output and standard error"
        case .cannotCreateDirectory(let path, let code):
            "FileSink cannot create the directory \"\(path)\": \(Errno(code))"
        case .invalidOption(let name, let value, let accepted):
            "FileSink: \(name) = \(value) is not accepted; expected \(accepted)"
        }
    }
}
