import Logbook
import Testing

/// `LogSampling(init(parsing:))` accepts only a whole INTERVAL (its doc comment says "a
/// positive whole number followed by ms, s, m or h"), so the error for `1.5s` must say so:
/// "1.5" is a positive number, and an error saying it is not one misleads.
@Suite struct SamplingIntervalErrorTests {
    @Test("a fractional interval is rejected with an error that says INTERVAL is a whole number")
    func fractionalInterval() {
        #expect {
            try LogSampling(parsing: "5/1.5s")
        } throws: { error in
            let text = "\(error)"
            return text.contains("\"1.5s\"") && text.contains("whole number")
                && !text.contains("is not a positive number followed by")
        }
    }
}
