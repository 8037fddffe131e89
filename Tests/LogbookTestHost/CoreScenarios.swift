import Logbook

/// Scenarios for the core: last resort, bootstrap, stream sink failures.
enum CoreScenarios {
    static let all: [String: Scenario] = [
        "hello": { _ in
            print("hello")
            return 0
        }
    ]
}
