/// How many records of one call site a logger writes per interval when records repeat: the
/// first ``first`` pass, then every ``thenEvery``-th (or none when `nil`); the rest are dropped
/// and counted. Set it on a logger (``Log/sampling``), the root (``LogConfiguration/sampling``)
/// or with `LOG_SAMPLING=N:M/INTERVAL`. <doc:HierarchyAndLevels> says how records are grouped
/// by call site and summarized, `Documentation/HierarchyAndLevels.md` when summaries are written
/// and what they hold. Intervals are timed on a monotonic clock with a resolution of a few
/// milliseconds.
public struct LogSampling: Sendable, Hashable, CustomStringConvertible {
    /// How many records of a call site pass at the start of each interval.
    public let first: Int
    /// After the first ``first``, every how many-th record passes; `nil` drops the rest.
    public let thenEvery: Int?
    /// How long an interval lasts, from a call site's first record in it.
    public let interval: Duration

    package var isOff: Bool { interval == .zero }

    /// No sampling: set it on a logger to exempt its subtree from an ancestor's sampling.
    public static let off = LogSampling(unchecked: 0, thenEvery: 1, interval: .zero)

    /// Creates a policy; throws ``LogSamplingError`` when `first` is negative or `thenEvery` or
    /// `interval` is not positive.
    public init(first: Int, thenEvery: Int? = nil, per interval: Duration) throws(LogSamplingError) {
        self.init(unchecked: first, thenEvery: thenEvery, interval: interval)
        guard first >= 0 else { throw LogSamplingError(value: text, problem: "N must not be negative") }
        guard (thenEvery ?? 1) >= 1 else { throw LogSamplingError(value: text, problem: "M must be at least 1") }
        guard interval > .zero else { throw LogSamplingError(value: text, problem: "the interval must be positive") }
    }

    init(unchecked first: Int, thenEvery: Int?, interval: Duration) {
        self.first = first
        self.thenEvery = thenEvery
        self.interval = interval
    }

    /// `N:M/INTERVAL`, `N/INTERVAL` when ``thenEvery`` is `nil`, or `off`.
    public var description: String { isOff ? "off" : text }

    /// `N:M/INTERVAL` or `N/INTERVAL`, also for a policy rejected for its interval.
    private var text: String { "\(first)" + (thenEvery.map { ":\($0)" } ?? "") + "/" + Self.format(interval) }
}
