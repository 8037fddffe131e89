extension LogBuffer {
    /// The date-and-time prefix (`YYYY-MM-DDTHH:MM:SS`, 19 bytes) of the last second
    /// formatted, in UTC and in local time, so records in the same second skip the
    /// calendar arithmetic.
    struct TimestampCache {
        var utcSecond: Int64 = .min
        var utc: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var localSecond: Int64 = .min
        var local: (UInt64, UInt64, UInt64) = (0, 0, 0)
    }

    /// Appends `timestamp` in RFC 3339 UTC form, `2024-08-06T11:54:56.789Z`, with
    /// `fractionDigits` (0 to 9) digits of the second, truncated, not rounded.
    public mutating func appendRFC3339(_ timestamp: LogTimestamp, fractionDigits: Int = 3) {
        appendDateTime(timestamp, separator: UInt8(ascii: "T"), local: false)
        appendFraction(timestamp.nanoseconds, digits: fractionDigits)
        append(UInt8(ascii: "Z"))
    }

    /// Appends `timestamp` in the process's local time zone as `2024-08-06 13:54:56.789`,
    /// with `fractionDigits` (0 to 9) digits of the second.
    public mutating func appendLocalDateTime(_ timestamp: LogTimestamp, fractionDigits: Int = 3) {
        appendDateTime(timestamp, separator: UInt8(ascii: " "), local: true)
        appendFraction(timestamp.nanoseconds, digits: fractionDigits)
    }

    private mutating func appendFraction(_ nanoseconds: Int32, digits: Int) {
        let digits = min(max(digits, 0), 9)
        guard digits > 0 else { return }
        append(UInt8(ascii: "."))
        appendZeroPadded(Int(nanoseconds) / Self.fractionDivisors[digits], width: digits)
    }

    /// `10^(9 - digits)`: what divides nanoseconds down to `digits` digits.
    private static let fractionDivisors = [
        1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1000, 100, 10, 1,
    ]

    /// The first and last second RFC 3339's four-digit years can write
    /// (0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z); instants outside are clamped.
    static let writableSeconds: ClosedRange<Int64> = -62_167_219_200...253_402_300_799

    private mutating func appendDateTime(_ timestamp: LogTimestamp, separator: UInt8, local: Bool) {
        // Clamped, so the calendar arithmetic cannot overflow and no instant equals the
        // caches' `.min` "empty" marker.
        let second = min(
            max(timestamp.secondsSinceEpoch, Self.writableSeconds.lowerBound), Self.writableSeconds.upperBound)
        reserveCapacity(19)
        if local {
            if timestampCache.localSecond != second {
                timestampCache.local = Self.encodeLocal(second)
                timestampCache.localSecond = second
            }
            appendPrefix(timestampCache.local, separator: separator)
        } else {
            if timestampCache.utcSecond != second {
                timestampCache.utc = Self.encodeUTC(second)
                timestampCache.utcSecond = second
            }
            appendPrefix(timestampCache.utc, separator: separator)
        }
    }

    private mutating func appendPrefix(_ words: (UInt64, UInt64, UInt64), separator: UInt8) {
        var words = words
        Swift.withUnsafeBytes(of: &words) { raw in
            (base + used).update(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 19)
        }
        base[used + 10] = separator
        used += 19
    }

    private static func encodeUTC(_ second: Int64) -> (UInt64, UInt64, UInt64) {
        let days = second >= 0 ? second / 86_400 : (second - 86_399) / 86_400
        let secondOfDay = Int(second - days * 86_400)
        let date = civilDate(daysSinceEpoch: days)
        return encode(
            year: date.year, month: date.month, day: date.day,
            hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
    }

    private static func encodeLocal(_ second: Int64) -> (UInt64, UInt64, UInt64) {
        let time = System.localTime(second)
        return encode(
            year: time.year, month: time.month, day: time.day,
            hour: time.hour, minute: time.minute, second: time.second)
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private static func encode(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    ) -> (UInt64, UInt64, UInt64) {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &words) { raw in
            func put(_ value: Int, at offset: Int, width: Int) {
                var remaining = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    raw[position] = UInt8(truncatingIfNeeded: remaining % 10) &+ 0x30
                    remaining /= 10
                }
            }
            put(min(max(year, 0), 9999), at: 0, width: 4)
            raw[4] = UInt8(ascii: "-")
            put(month, at: 5, width: 2)
            raw[7] = UInt8(ascii: "-")
            put(day, at: 8, width: 2)
            raw[10] = UInt8(ascii: "T")
            put(hour, at: 11, width: 2)
            raw[13] = UInt8(ascii: ":")
            put(minute, at: 14, width: 2)
            raw[16] = UInt8(ascii: ":")
            put(second, at: 17, width: 2)
        }
        return words
    }
}
