import Logbook
import Testing

@Suite("LogSampling: the N:M/INTERVAL form, in code and in LOG_SAMPLING")
struct LogSamplingParsingTests {
    @Test(arguments: [
        ("10:100/1s", 10, 100 as Int?, Duration.seconds(1), "10:100/1s"),
        ("5/1m", 5, nil, .seconds(60), "5/1m"),
        (" 1 : 1000 / 500ms ", 1, 1000, .milliseconds(500), "1:1000/500ms"),
        ("0:2/2h", 0, 2, .seconds(7200), "0:2/2h"),
        ("3/90s", 3, nil, .seconds(90), "3/90s"),
    ])
    func accepted(text: String, first: Int, every: Int?, interval: Duration, written: String) throws {
        let sampling = try LogSampling(parsing: text)
        #expect(sampling.first == first)
        #expect(sampling.thenEvery == every)
        #expect(sampling.interval == interval)
        #expect(sampling.description == written)
        #expect(try LogSampling(parsing: sampling.description) == sampling, "the description parses back")
    }

    @Test func offParsesAsOff() throws {
        #expect(try LogSampling(parsing: "OFF") == .off)
        #expect(LogSampling.off.isOff)
        #expect(LogSampling.off.description == "off")
    }

    @Test(arguments: [
        ("lots", "there is no \"/INTERVAL\""),
        ("10:100", "there is no \"/INTERVAL\""),
        ("x/1s", "N \"x\" is not a whole number of at least 0"),
        ("-1/1s", "N \"-1\" is not a whole number of at least 0"),
        ("10:0/1s", "M \"0\" is not a whole number of at least 1"),
        ("10:/1s", "M \"\" is not a whole number of at least 1"),
        ("10/1", "INTERVAL \"1\" is not a positive whole number followed by ms, s, m or h"),
        ("10/0s", "INTERVAL \"0s\" is not a positive whole number followed by ms, s, m or h"),
        ("10/1d", "INTERVAL \"1d\" is not a positive whole number followed by ms, s, m or h"),
    ])
    func refused(text: String, problem: String) {
        #expect(throws: LogSamplingError(value: text, problem: problem)) { try LogSampling(parsing: text) }
    }

    @Test func codeRefusesBadValuesNamingThem() {
        #expect(throws: LogSamplingError(value: "-1/1s", problem: "N must not be negative")) {
            try LogSampling(first: -1, per: .seconds(1))
        }
        #expect(throws: LogSamplingError(value: "1:0/1s", problem: "M must be at least 1")) {
            try LogSampling(first: 1, thenEvery: 0, per: .seconds(1))
        }
        #expect(throws: LogSamplingError.self) { try LogSampling(first: 1, per: .zero) }
    }

    @Test("an interval too long to write in milliseconds is accepted or refused, never a trap")
    func hugeIntervalsWithAFraction() throws {
        // Whole seconds beyond Int64.max / 1000 plus a fraction used to overflow while
        // writing the policy (for the description and for the error), trapping in init.
        let long = Duration.seconds(Int64.max / 100) + .milliseconds(1)
        let sampling = try LogSampling(first: 1, per: long)
        #expect(sampling.interval == long)
        #expect(sampling.description.hasPrefix("1/"))
        let negative = Duration.seconds(-(Int64.max / 100)) - .milliseconds(1)
        #expect(throws: LogSamplingError.self) { try LogSampling(first: 1, per: negative) }
    }

    @Test func environmentSetsTheRootsSamplingAndSaysSo() throws {
        let hierarchy = LogHierarchy()
        let setup = try hierarchy.bootstrap(
            LogEnvironment(variables: ["LOG_SAMPLING": "10:100/1s"], outputIsTerminal: false))
        let expected = try LogSampling(first: 10, thenEvery: 100, per: .seconds(1))
        #expect(setup.sampling == expected)
        #expect(hierarchy.root.sampling == expected)
        #expect(hierarchy.logger("any.logger").effectiveSampling == expected)
        #expect(setup.description.contains("sampling=10:100/1s (LOG_SAMPLING)"))
    }

    @Test func unsetOrEmptyMeansNoSampling() throws {
        let hierarchy = LogHierarchy()
        let setup = try hierarchy.bootstrap(LogEnvironment(variables: ["LOG_SAMPLING": " "], outputIsTerminal: false))
        #expect(setup.sampling == nil)
        #expect(hierarchy.root.effectiveSampling == nil)
    }

    @Test func aBadValueFailsBootstrapNamingTheVariableTheValueAndTheForm() {
        let hierarchy = LogHierarchy()
        let environment = LogEnvironment(variables: ["LOG_SAMPLING": "lots", "LOG_LEVEL": "debug"])
        #expect {
            try hierarchy.bootstrap(environment)
        } throws: { error in
            guard case .invalidEnvironment(let cause) = error as? LogBootstrapError else { return false }
            let text = String(describing: error)
            return cause.variable == "LOG_SAMPLING" && cause.value == "lots"
                && text.contains("LOG_SAMPLING=\"lots\" is invalid") && text.contains("N:M/INTERVAL")
                && text.contains("\"10:100/1s\"")
        }
        #expect(hierarchy.root.level == nil, "nothing is applied")
    }
}
