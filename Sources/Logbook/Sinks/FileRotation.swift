/// When a ``FileSink`` rotates its file itself, for services without logrotate (Production guide).
public enum FileRotation: Sendable, Hashable {
    /// Never rotates; use this with logrotate (the sink notices logrotate's renames).
    case none
    /// Rotates before a write would make the file larger than `maximumBytes`: `app.log`
    /// becomes `app.log.1`, `app.log.1` becomes `app.log.2`, ..., replacing `app.log.<keep>`.
    /// A batch (from an ``AsyncSink``) is split between files at line ends; a single line
    /// larger than the limit is written alone in its file. When a file cannot be renamed, the
    /// sink counts a failure and keeps writing to `app.log`, overwriting nothing, until it can.
    case size(maximumBytes: Int, keep: Int)
    /// Rotates at the first write in a new UTC hour or day: `app.log` becomes
    /// `app.log.2024-08-06` (daily) or `app.log.2024-08-06T13` (hourly), named after the
    /// period its records belong to. Only the newest `keep` of those are kept.
    case time(Period, keep: Int)

    /// A rotation period, in UTC.
    public enum Period: Sendable, Hashable {
        /// Every hour, on the hour (UTC).
        case hourly
        /// Every day at midnight UTC.
        case daily

        var seconds: Int64 { self == .hourly ? 3600 : 86400 }

        /// The length of a rotated file's stamp (see `FileSink.stamp(forPeriod:of:)`).
        var stampLength: Int { self == .hourly ? 13 : 10 }
    }

    func validate() throws(FileSinkError) {
        switch self {
        case .none:
            return
        case .size(let maximumBytes, let keep):
            if maximumBytes < 1 {
                throw .invalidOption(name: "rotation maximumBytes", value: "\(maximumBytes)", accepted: "at least 1")
            }
            if keep < 1 || keep > 1000 {
                throw .invalidOption(name: "rotation keep", value: "\(keep)", accepted: "1 to 1000")
            }
        case .time(_, let keep):
            if keep < 1 || keep > 10000 {
                throw .invalidOption(name: "rotation keep", value: "\(keep)", accepted: "1 to 10000")
            }
        }
    }
}
