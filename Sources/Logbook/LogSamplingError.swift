/// Why a sampling policy was rejected; its ``description`` names the value, the problem and the accepted form.
public struct LogSamplingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rejected value, as written (or as ``LogSampling/description`` would write it).
    public let value: String
    /// What was wrong with it.
    public let problem: String

    /// Creates the error, e.g. to compare with one that was thrown.
    public init(value: String, problem: String) {
        self.value = value
        self.problem = problem
    }

    static let acceptedForm =
        "N:M/INTERVAL or N/INTERVAL, such as \"10:100/1s\" (first 10 per second, then every 100th)"
        + " or \"5/1m\" (first 5 per minute, then none); INTERVAL is a positive number with a unit"
        + " of ms, s, m or h"

    /// `"value" is not a sampling policy: problem; expected N:M/INTERVAL …`.
    public var description: String {
        "\(quoted(value)) is not a sampling policy: \(problem); expected \(Self.acceptedForm)"
    }
}
