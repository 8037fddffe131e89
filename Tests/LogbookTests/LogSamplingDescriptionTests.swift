import Logbook
import Testing

/// A policy's description is `N:M/INTERVAL` text that parses back into the same policy,
/// whatever its interval.
@Suite struct LogSamplingDescriptionTests {
    @Test(arguments: [
        (Duration.microseconds(500), "1/500us"),
        (.milliseconds(1.5), "1/1500us"),
        (.nanoseconds(1), "1/1ns"),
        (.nanoseconds(1_000_000_001), "1/1000000001ns"),
        (.seconds(1) + .microseconds(1), "1/1000001us"),
        (.milliseconds(1500), "1/1500ms"),
        (.seconds(120), "1/2m"),
        (.nanoseconds(Int64.max), "1/9223372036854775807ns"),
    ])
    func theDescriptionParsesBack(interval: Duration, written: String) throws {
        let sampling = try LogSampling(first: 1, per: interval)
        #expect(sampling.description == written)
        #expect(try LogSampling(parsing: sampling.description) == sampling)
    }

    @Test func microsecondsAndNanosecondsParse() throws {
        #expect(try LogSampling(parsing: "10:100/500us").interval == .microseconds(500))
        #expect(try LogSampling(parsing: "10/7ns").interval == .nanoseconds(7))
        #expect(throws: LogSamplingError.self) { try LogSampling(parsing: "10/0us") }
        #expect(throws: LogSamplingError.self) { try LogSampling(parsing: "10/9223372036854776us") }
    }
}
