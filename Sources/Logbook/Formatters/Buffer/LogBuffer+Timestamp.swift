extension LogBuffer {
    /// `YYYY-MM-DDTHH:MM:SS` (UTC) or `YYYY-MM-DD HH:MM:SS` (local) of the last second formatted
    /// in it (a buffer keeps one of each), so records in the same second skip the calendar.
    struct CachedDateTime {
        var second: Int64 = .min
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
    }

    /// Appends `timestamp` in RFC 3339 UTC form, `2024-08-06T11:54:56.789Z`, with
    /// `fractionDigits` (0 to 9) digits of the second, truncated, not rounded.
    @inline(__always)
    public mutating func appendRFC3339(_ timestamp: LogTimestamp, fractionDigits: Int = 3) {
        appendDateTime(timestamp, local: false)
        appendFraction(timestamp.nanoseconds, digits: fractionDigits)
        append(UInt8(ascii: "Z"))
    }

    /// Appends `timestamp` in the process's local time zone as `2024-08-06 13:54:56.789`, with
    /// `fractionDigits` (0 to 9) digits of the second, truncated.
    public mutating func appendLocalDateTime(_ timestamp: LogTimestamp, fractionDigits: Int = 3) {
        appendDateTime(timestamp, local: true)
        appendFraction(timestamp.nanoseconds, digits: fractionDigits)
    }

    @inline(__always)
    private mutating func appendFraction(_ nanoseconds: Int32, digits: Int) {
        let digits = min(max(digits, 0), 9)
        guard digits > 0 else { return }
        // `.` and all nine digits are stored, the first eight as one word; `digits` count.
        let fraction = UInt64(nanoseconds.magnitude) % 1_000_000_000
        reserveCapacity(10)
        let destination = UnsafeMutableRawPointer(base + used)
        if digits <= 3 {
            // Milliseconds, most formats' precision: `.` and three digits as one word.
            let milliseconds = UInt32(fraction / 1_000_000)
            let digitsWord = milliseconds / 100 | (milliseconds / 10 % 10) << 8 | (milliseconds % 10) << 16 | 0x30_3030
            destination.storeBytes(of: (digitsWord << 8 | 0x2E).littleEndian, as: UInt32.self)
        } else {
            destination.storeBytes(of: UInt8(ascii: "."), as: UInt8.self)
            destination.storeBytes(of: Self.decimalDigits(fraction / 10).littleEndian, toByteOffset: 1, as: UInt64.self)
            destination.storeBytes(of: UInt8(truncatingIfNeeded: fraction % 10) | 0x30, toByteOffset: 9, as: UInt8.self)
        }
        used &+= digits &+ 1
    }

    /// The eight decimal digits of `value` (below 10^8), zero-padded, as one word's ASCII bytes, first
    /// digit lowest: split into 32-bit, then 16-bit, then 8-bit lanes; no loop, no branch.
    @inline(__always)
    static func decimalDigits(_ value: UInt64) -> UInt64 {
        let high = value / 10_000
        var lanes = high | (value &- high &* 10_000) << 32
        let hundreds = (lanes &* 10_486) >> 20 & 0x0000_007F_0000_007F  // x / 100 for x < 10^4
        lanes = hundreds | (lanes &- hundreds &* 100) << 16
        let tens = (lanes &* 103) >> 10 & 0x000F_000F_000F_000F  // x / 10 for x < 100
        lanes = tens | (lanes &- tens &* 10) << 8
        return lanes | 0x3030_3030_3030_3030
    }

    @inline(__always)
    private mutating func appendDateTime(_ timestamp: LogTimestamp, local: Bool) {
        // Clamped to 0000-01-01T00:00:00Z...9999-12-31T23:59:59Z, what four-digit years can write:
        // no overflow in the calendar, and no instant equals the caches' `.min`.
        let second = min(max(timestamp.secondsSinceEpoch, -62_167_219_200), 253_402_300_799)
        reserveCapacity(19)
        if local && cachedLocalDateTime.second != second {
            cachedLocalDateTime = .init(second: second, words: Self.encode(second, local: true))
        } else if !local && cachedUTCDateTime.second != second {
            cachedUTCDateTime = .init(second: second, words: Self.encode(second, local: false))
        }
        var words = local ? cachedLocalDateTime.words : cachedUTCDateTime.words
        Swift.withUnsafeBytes(of: &words) { raw in
            (base + used).update(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 19)
        }
        used &+= 19
    }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC, or with `local` `YYYY-MM-DD HH:MM:SS` in local time, the low 19
    /// bytes of three words, from the digits `YYYYMMDD` and `00HHMMSS`.
    private static func encode(_ second: Int64, local: Bool) -> (UInt64, UInt64, UInt64) {
        var time = local ? System.localTime(second) : utcTime(second)
        // A zone's offset takes the local time of an end of the clamp into year -1 or 10000: the nearest end.
        if time.year < 0 { time = (0, 1, 1, 0, 0, 0) } else if time.year > 9999 { time = (9999, 12, 31, 23, 59, 59) }
        let ymd = decimalDigits(UInt64(time.year * 10_000 + time.month * 100 + time.day))
        let hms = decimalDigits(UInt64(time.hour * 10_000 + time.minute * 100 + time.second))
        let separator: UInt64 = local ? 0x20 : 0x54  // ` ` or `T`
        let middle = ymd >> 48 | separator << 16 | (hms >> 16 & 0xFFFF) << 24 | 0x3A << 40 | (hms >> 32 & 0xFFFF) << 48
        return (
            (ymd & 0xFFFF_FFFF | 0x2D << 32 | (ymd >> 32 & 0xFFFF) << 40 | 0x2D << 56).littleEndian,
            middle.littleEndian, (0x3A | (hms >> 48) << 8).littleEndian
        )
    }

    /// The UTC calendar fields of `second`, by arithmetic: not `gmtime_r`, which in glibc adds
    /// the leap seconds of a `right/` time zone (in `TZ` or `/etc/localtime`) that the clock's
    /// POSIX seconds do not count, so every UTC time would be up to 27 seconds early. The date is
    /// the proleptic Gregorian one of the day count (Howard Hinnant's `civil_from_days`).
    static func utcTime(_ second: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = second >= 0 ? second / 86_400 : (second - 86_399) / 86_400
        let secondOfDay = Int(second - days * 86_400)
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day), secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    }
}
