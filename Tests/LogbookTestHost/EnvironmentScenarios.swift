import Logbook

/// Scenarios for bootstrapping from the real process environment.
enum EnvironmentScenarios {
    static let all: [String: Scenario] = [
        // Bootstraps from the process environment, prints the setup on standard error,
        // then logs one record per level from `payments` and one from `other`, inside a
        // Lambda invocation with request id `r-1` and a field bound by the handler.
        "bootstrap-environment": { _ in
            let setup: LogSetup
            do {
                setup = try Log.bootstrap(.environment)
            } catch {
                writeStandardError("error: \(error)\n")
                return 2
            }
            writeStandardError("setup: \(setup)\n")
            let invocation = LambdaInvocation.current(requestID: "r-1", isColdStart: true)
            LogContext.withLambdaInvocation(invocation) {
                LogContext.with(["order_id": 42]) {
                    let payments = Log("payments")
                    for level in LogLevel.allCases {
                        payments.log(level: level, "payments \(level)")
                    }
                    Log("other").debug("other debug")
                    Log("other").info("other info")
                }
            }
            return 0
        }
    ]
}
