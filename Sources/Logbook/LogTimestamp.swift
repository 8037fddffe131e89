/// A wall-clock instant with nanosecond resolution, since the Unix epoch (1970-01-01T00:00:00Z).
/// Records are stamped with ``now()``; construct one to pin the clock in a formatter's test.
public struct LogTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds since the Unix epoch; negative before 1970.
    public var secondsSinceEpoch: Int64
    /// Nanoseconds past ``secondsSinceEpoch``, in `0..<1_000_000_000`.
    public var nanoseconds: Int32

    /// Creates a timestamp; nanoseconds outside `0..<1_000_000_000` carry into the seconds, which saturate.
    public init(secondsSinceEpoch: Int64, nanoseconds: Int32 = 0) {
        let carry = Int64(nanoseconds).floorDivided(by: 1_000_000_000)
        let seconds = secondsSinceEpoch.addingReportingOverflow(carry)
        self.secondsSinceEpoch = seconds.overflow ? (carry < 0 ? .min : .max) : seconds.partialValue
        self.nanoseconds = Int32(Int64(nanoseconds) - carry * 1_000_000_000)
    }

    /// The current wall-clock time (`CLOCK_REALTIME`).
    public static func now() -> LogTimestamp {
        let time = System.now()
        return LogTimestamp(uncheckedSeconds: time.seconds, nanoseconds: time.nanoseconds)
    }

    init(uncheckedSeconds seconds: Int64, nanoseconds: Int32) {
        self.secondsSinceEpoch = seconds
        self.nanoseconds = nanoseconds
    }

    /// Orders timestamps chronologically.
    public static func < (lhs: LogTimestamp, rhs: LogTimestamp) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }

    /// The instant in RFC 3339 UTC with milliseconds, e.g. `2024-08-06T11:54:56.789Z`.
    public var description: String {
        var buffer = LogBuffer(capacity: 32)
        buffer.appendRFC3339(self, fractionDigits: 3)
        return buffer.string
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
