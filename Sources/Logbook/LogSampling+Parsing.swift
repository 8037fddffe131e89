extension LogSampling {
    /// Parses `N:M/INTERVAL` (``first`` and ``thenEvery``), `N/INTERVAL` or `off`, the forms of
    /// `LOG_SAMPLING` and ``description``. `INTERVAL` is a positive whole number followed by `ms`,
    /// `s`, `m`, `h`, `us` or `ns`: `10:100/1s`, `5/1m`, `1:1000/500us`. Spaces around the parts are
    /// ignored; a ``LogSamplingError`` names `text` and what is wrong with it.
    public init(parsing text: String) throws(LogSamplingError) {
        func failure(_ problem: String) -> LogSamplingError {
            LogSamplingError(value: text, problem: problem)
        }
        let trimmed = text.trimmingSpaces()
        if trimmed.lowercased() == "off" {
            self = .off
            return
        }
        guard let slash = trimmed.firstIndex(of: "/") else { throw failure("there is no \"/INTERVAL\"") }
        let counts = trimmed[..<slash].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            .map { String($0).trimmingSpaces() }
        let intervalText = String(trimmed[trimmed.index(after: slash)...]).trimmingSpaces()
        var thenEvery: Int?
        if counts.count == 2 {
            guard let every = Int(counts[1]), every >= 1 else {
                throw failure("M \(quoted(counts[1])) is not a whole number of at least 1")
            }
            thenEvery = every
        }
        guard let first = Int(counts[0]), first >= 0 else {
            throw failure("N \(quoted(counts[0])) is not a whole number of at least 0")
        }
        guard let interval = Self.parseInterval(intervalText) else {
            throw failure("INTERVAL \(quoted(intervalText)) is not a positive whole number followed by ms, s, m or h")
        }
        self.init(unchecked: first, thenEvery: thenEvery, interval: interval)
    }

    private static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
        ("us", 1_000), ("ns", 1),
    ]

    static func parseInterval(_ text: String) -> Duration? {
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            // `ms` also ends in `s`: a number that does not parse may fit the next unit.
            guard let count = Int64(number), count > 0 else { continue }
            let total = count.multipliedReportingOverflow(by: unit.nanoseconds)
            if total.overflow { return nil }
            return .nanoseconds(total.partialValue)
        }
        return nil
    }

    /// `interval` in the largest unit that writes it whole (`90s`, `1500ms`, `3ns`; below that is dropped).
    static func format(_ interval: Duration) -> String {
        let (seconds, attoseconds) = interval.components
        if attoseconds == 0 && seconds > 0 {
            if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
            if seconds % 60 == 0 { return "\(seconds / 60)m" }
            return "\(seconds)s"
        }
        // The finest unit needed, or a coarser one when the count would not fit.
        var text = "\(seconds)s"
        for (suffix, perSecond) in [("ms", Int64(1000)), ("us", 1_000_000), ("ns", 1_000_000_000)] {
            let attosecondsPerUnit = 1_000_000_000_000_000_000 / perSecond
            let whole = seconds.multipliedReportingOverflow(by: perSecond)
            let count = whole.partialValue.addingReportingOverflow(attoseconds / attosecondsPerUnit)
            if whole.overflow || count.overflow { break }
            text = "\(count.partialValue)\(suffix)"
            if attoseconds % attosecondsPerUnit == 0 { break }
        }
        return text
    }
}
