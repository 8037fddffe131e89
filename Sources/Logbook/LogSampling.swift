/// How many records of one call site a logger writes per interval when records repeat:
/// the first ``first`` pass, then every ``thenEvery``-th (or none when it is `nil`), and
/// the rest are dropped and counted.
///
/// Set it on a logger to sample that logger and every descendant that does not set its
/// own (``Log/sampling``), on the root with ``LogConfiguration/sampling``, or from the
/// environment with `LOG_SAMPLING=N:M/INTERVAL` (``LogEnvironment``):
///
/// ```swift
/// Log("payments").sampling = try LogSampling(first: 10, thenEvery: 100, per: .seconds(1))
/// Log("payments.audit").sampling = .off   // never sampled, whatever payments says
/// ```
///
/// Records are grouped by **call site**, not by their text: the logger, the level and
/// the `file` and `line` the record was created at. Every record created by one
/// `log.error("charge \(id) failed")` line is one group, whatever `id` is, so
/// interpolated values cannot defeat sampling; two different lines with the same text
/// are two groups. Each group has its own interval, starting at its first record and
/// measured on a monotonic clock with a resolution of a few milliseconds.
///
/// When an interval of a group that dropped records ends, logger `logbook` writes one
/// ``LogLevel/warning`` record with the integer field `suppressed` (how many were
/// dropped) and the `logger`, `level` and `message` of the first dropped record, so the
/// records written plus the `suppressed` counts add up to the records logged, exactly.
/// The summary is written when the next record of that logger arrives after the
/// interval, or at shutdown (``LogSetup/shutdown(timeout:)``, or the drain at a normal
/// exit), whichever is first. It is written whatever levels logger `logbook` inherits (with
/// the root at `error` too); a level set on `logbook` itself applies, and so do sinks' own
/// levels and filters. Formatters
/// write the summary's `logger`, `level` and `message` fields as `fields.logger`,
/// `fields.level` and `fields.message`, because the record itself has those keys.
///
/// ``LogLevel/critical`` records are never sampled. Dropped records cost no message
/// formatting: their message is evaluated only for the first drop of an interval, and
/// their fields never. Sampling happens before the logger's filters and before test
/// captures, so a capture sees what the sinks would see.
public struct LogSampling: Sendable, Hashable, CustomStringConvertible {
    /// How many records of a call site pass at the start of each interval.
    public let first: Int
    /// After the first ``first``, every how many-th record passes; `nil` drops all of
    /// them until the interval ends.
    public let thenEvery: Int?
    /// How long an interval lasts, from a call site's first record in it.
    public let interval: Duration

    /// Whether this value turns sampling off (``off``).
    public var isOff: Bool { interval == .zero }

    /// No sampling: set it on a logger to exempt its subtree from an ancestor's sampling.
    public static let off = LogSampling(unchecked: 0, thenEvery: 1, interval: .zero)

    /// Creates a sampling policy.
    ///
    /// - Throws: ``LogSamplingError`` when `first` is negative, `thenEvery` is not
    ///   positive or `interval` is not positive.
    public init(first: Int, thenEvery: Int? = nil, per interval: Duration) throws(LogSamplingError) {
        let text = Self.text(first: first, thenEvery: thenEvery, interval: interval)
        guard first >= 0 else { throw LogSamplingError(value: text, problem: "N must not be negative") }
        if let thenEvery, thenEvery < 1 {
            throw LogSamplingError(value: text, problem: "M must be at least 1")
        }
        guard interval > .zero else { throw LogSamplingError(value: text, problem: "the interval must be positive") }
        self.init(unchecked: first, thenEvery: thenEvery, interval: interval)
    }

    /// A policy from numbers already checked (by ``init(first:thenEvery:per:)`` or the parser).
    init(unchecked first: Int, thenEvery: Int?, interval: Duration) {
        self.first = first
        self.thenEvery = thenEvery
        self.interval = interval
    }

    /// `N:M/INTERVAL`, `N/INTERVAL` when ``thenEvery`` is `nil`, or `off`.
    public var description: String {
        isOff ? "off" : Self.text(first: first, thenEvery: thenEvery, interval: interval)
    }

    /// The interval in nanoseconds, at least 1 and at most `Int64.max / 2`, so an
    /// interval's end (its start plus this) never wraps around.
    var intervalNanoseconds: Int64 { max(1, interval.clampedNanoseconds) }

    static func text(first: Int, thenEvery: Int?, interval: Duration) -> String {
        "\(first)" + (thenEvery.map { ":\($0)" } ?? "") + "/" + LogSampling.format(interval)
    }
}
