import Foundation
import Logbook
import Testing

@Suite("Timestamps")
struct LogTimestampTests {
    @Test(
        "RFC 3339 UTC rendering matches known instants",
        arguments: [
            (Int64(0), Int32(0), "1970-01-01T00:00:00.000Z"),
            (1_722_945_296, 789_000_000, "2024-08-06T11:54:56.789Z"),
            (951_782_400, 999_999_999, "2000-02-29T00:00:00.999Z"),
            (4_107_542_400, 1_000_000, "2100-03-01T00:00:00.001Z"),
            (-1, 0, "1969-12-31T23:59:59.000Z"),
            (253_402_300_799, 0, "9999-12-31T23:59:59.000Z"),
        ])
    func rfc3339(seconds: Int64, nanoseconds: Int32, expected: String) {
        #expect(LogTimestamp(secondsSinceEpoch: seconds, nanoseconds: nanoseconds).description == expected)
    }

    @Test(
        "UTC dates before 1970 and around leap days, and a second's last millisecond",
        arguments: [
            (Int64(-86_401), "1969-12-30T23:59:59.999Z"), (-2_203_891_201, "1900-02-28T23:59:59.999Z"),
            (-2_203_891_200, "1900-03-01T00:00:00.999Z"), (68_169_599, "1972-02-28T23:59:59.999Z"),
            (68_169_600, "1972-02-29T00:00:00.999Z"), (4_107_542_399, "2100-02-28T23:59:59.999Z"),
            (-62_135_596_800, "0001-01-01T00:00:00.999Z"), (-62_135_596_801, "0000-12-31T23:59:59.999Z"),
            (-62_162_035_201, "0000-02-29T23:59:59.999Z"), (-62_167_219_200, "0000-01-01T00:00:00.999Z"),
        ])
    func calendarEdges(seconds: Int64, expected: String) {
        #expect(LogTimestamp(secondsSinceEpoch: seconds, nanoseconds: 999_999_999).description == expected)
    }

    @Test("UTC times ignore the leap seconds of a right/ time zone: the clock's POSIX seconds do not count them")
    func utcIgnoresLeapSecondZones() async throws {
        // glibc's gmtime_r applies them (22:12:53, 2016-12-31T23:59:33): a TZ-free calendar must not.
        let outcome = try await TestHost.run(
            "utc-times", ["1700000000", "1483228799", "-1"], environment: ["TZ": "right/UTC"])
        #expect(outcome.status == 0)
        #expect(
            outcome.outputLines == ["2023-11-14T22:13:20.999Z", "2016-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"])
    }

    @Test(
        "local times before 1970, on a leap day, in summer time and at the clamp, each cached beside UTC",
        arguments: [false, true])
    func localTimes(utcFirst: Bool) async throws {
        // St. John's: UTC-3:30, in summer UTC-2:30. Repeats and the next second read the caches.
        let times = [
            ("-1", "1969-12-31 20:29:59.999", "1969-12-31T23:59:59.999Z"),
            ("-1", "1969-12-31 20:29:59.999", "1969-12-31T23:59:59.999Z"),
            ("0", "1969-12-31 20:30:00.999", "1970-01-01T00:00:00.999Z"),
            ("951782400", "2000-02-28 20:30:00.999", "2000-02-29T00:00:00.999Z"),
            ("951868799", "2000-02-29 20:29:59.999", "2000-02-29T23:59:59.999Z"),
            ("1722945296", "2024-08-06 09:24:56.999", "2024-08-06T11:54:56.999Z"),
            ("1722945296", "2024-08-06 09:24:56.999", "2024-08-06T11:54:56.999Z"),
            ("1722945297", "2024-08-06 09:24:57.999", "2024-08-06T11:54:57.999Z"),
            ("253402300799", "9999-12-31 20:29:59.999", "9999-12-31T23:59:59.999Z"),
            ("9223372036854775807", "9999-12-31 20:29:59.999", "9999-12-31T23:59:59.999Z"),
        ]
        let outcome = try await TestHost.run(
            "local-times", [utcFirst ? "utc-first" : "local-first"] + times.map(\.0),
            environment: ["TZ": "America/St_Johns"])
        #expect(outcome.status == 0)
        #expect(
            outcome.outputLines
                == times.map { utcFirst ? "\($2) \($1) \($2)" : "\($1) \($2) \($1)" })
    }

    @Test(
        "a local time past the four-digit years (the zone's offset at the clamp) is the nearest one they can write",
        arguments: [
            ("America/St_Johns", "-9223372036854775808", "0000-01-01 00:00:00.999", "0000-01-01T00:00:00.999Z"),
            ("America/St_Johns", "-62167219200", "0000-01-01 00:00:00.999", "0000-01-01T00:00:00.999Z"),
            ("Asia/Tokyo", "253402300799", "9999-12-31 23:59:59.999", "9999-12-31T23:59:59.999Z"),
            ("Asia/Tokyo", "9223372036854775807", "9999-12-31 23:59:59.999", "9999-12-31T23:59:59.999Z"),
        ])
    func localTimesAtTheClamp(zone: String, seconds: String, local: String, utc: String) async throws {
        // UTC-3:30 makes the first instant a time in year -1, UTC+9 the last one in year 10000:
        // not `0000-12-31` (a year later) nor `9999-01-01` (a year earlier).
        let outcome = try await TestHost.run("local-times", ["local-first", seconds], environment: ["TZ": zone])
        #expect(outcome.status == 0)
        #expect(outcome.outputLines == ["\(local) \(utc) \(local)"])
    }

    @Test("nanoseconds outside one second carry into the seconds")
    func normalization() {
        let carried = LogTimestamp(secondsSinceEpoch: 10, nanoseconds: 1_500_000_000)
        #expect(carried.secondsSinceEpoch == 11 && carried.nanoseconds == 500_000_000)
        let borrowed = LogTimestamp(secondsSinceEpoch: 10, nanoseconds: -1)
        #expect(borrowed.secondsSinceEpoch == 9 && borrowed.nanoseconds == 999_999_999)
    }

    @Test("fraction digits are truncated, from none to nine")
    func fractionDigits() {
        let timestamp = LogTimestamp(secondsSinceEpoch: 0, nanoseconds: 123_456_789)
        var buffer = LogBuffer()
        buffer.appendRFC3339(timestamp, fractionDigits: 0)
        buffer.append(" ")
        buffer.appendRFC3339(timestamp, fractionDigits: 6)
        buffer.append(" ")
        buffer.appendRFC3339(timestamp, fractionDigits: 9)
        #expect(buffer.string == "1970-01-01T00:00:00Z 1970-01-01T00:00:00.123456Z 1970-01-01T00:00:00.123456789Z")
    }

    @Test("a fraction keeps its zeros at every width; nanoseconds set past a second write their last nine digits")
    func fractionZeros() {
        var buffer = LogBuffer()
        for digits in 1...9 {
            buffer.removeAll()
            buffer.appendRFC3339(LogTimestamp(secondsSinceEpoch: 0, nanoseconds: 7_000_050), fractionDigits: digits)
            #expect(buffer.string == "1970-01-01T00:00:00." + String("007000050".prefix(digits)) + "Z")
        }
        var past = LogTimestamp(secondsSinceEpoch: 0)
        past.nanoseconds = 1_500_000_009
        buffer.removeAll()
        buffer.appendRFC3339(past, fractionDigits: 9)
        #expect(buffer.string == "1970-01-01T00:00:00.500000009Z")
    }

    @Test("consecutive records in different seconds do not reuse the cached date")
    func cacheInvalidation() {
        var buffer = LogBuffer()
        for second in [Int64(86_399), 86_400, 86_399] {
            buffer.removeAll()
            buffer.appendRFC3339(LogTimestamp(secondsSinceEpoch: second))
            #expect(buffer.string == (second == 86_400 ? "1970-01-02T00:00:00.000Z" : "1970-01-01T23:59:59.000Z"))
        }
    }

    @Test("now() is close to the system clock and has sub-millisecond resolution")
    func now() {
        let first = LogTimestamp.now()
        let second = LogTimestamp.now()
        #expect(second >= first)
        #expect(first.secondsSinceEpoch > 1_700_000_000)
    }

    @Test("seconds carried past Int64's range saturate instead of trapping or wrapping")
    func carriedSecondsSaturate() {
        // Nanoseconds carried past the last second stop there instead of wrapping to year 0.
        let last = LogTimestamp(secondsSinceEpoch: .max, nanoseconds: 1_500_000_000)
        #expect(last.secondsSinceEpoch == .max && last.description.hasPrefix("9999-12-31T23:59:59"))
        let first = LogTimestamp(secondsSinceEpoch: .min, nanoseconds: -1)
        #expect(first.secondsSinceEpoch == .min && first.description.hasPrefix("0000-01-01T00:00:00"))
    }

    @Test(
        "instants outside years 0000–9999 are clamped, never crash, never write raw bytes",
        arguments: [
            (Int64.min, "0000-01-01T00:00:00.000Z"), (Int64.min + 1, "0000-01-01T00:00:00.000Z"),
            (-62_167_219_201, "0000-01-01T00:00:00.000Z"), (Int64.max, "9999-12-31T23:59:59.000Z"),
        ])
    func extremes(seconds: Int64, expected: String) throws {
        let timestamp = LogTimestamp(secondsSinceEpoch: seconds)
        #expect(timestamp.description == expected)
        var record = makeRecord()
        record.timestamp = timestamp
        let json = try #require(JSONCheck.object(JSONFormatter().format(record)))
        #expect(json["timestamp"] as? String == expected)
        #expect(!ConsoleFormatter(colors: .never).format(record).utf8.contains(0))
    }
}
