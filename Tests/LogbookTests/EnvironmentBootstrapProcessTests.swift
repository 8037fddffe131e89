import Foundation
import Testing

/// `Log.bootstrap(.environment)` on the process-wide hierarchy, with a real process
/// environment: runs the `bootstrap-environment` scenario of `LogbookTestHost`.
@Suite struct EnvironmentBootstrapProcessTests {
    /// Runs the scenario with exactly `environment` and returns its exit status, standard
    /// output lines and standard error.
    func runScenario(_ environment: [String: String]) async throws -> (status: Int32, lines: [String], errors: String) {
        let outcome = try await TestHost.run(
            "bootstrap-environment", environment: environment, inheritsEnvironment: false)
        return (outcome.status, outcome.outputLines, outcome.standardError)
    }

    @Test func onLambdaWithJSONTheLinesAreLambdaJSONAtLambdasLevel() async throws {
        let result = try await runScenario([
            "AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "WARN",
            "LOG_LEVEL": "trace", "LOG_FORMAT": "console",
            "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        ])
        #expect(result.status == 0)
        #expect(result.errors.contains("format=lambda-json (AWS_LAMBDA_LOG_FORMAT=JSON; LOG_FORMAT=console not used"))
        let parsed = try JSONCheck.parse(result.lines)
        #expect(
            parsed.map { $0.object["message"] as? String } == [
                "payments warning", "payments error", "payments critical",
            ])
        #expect(parsed.map { $0.object["level"] as? String } == ["WARN", "ERROR", "FATAL"])
        for entry in parsed {
            #expect(
                entry.keys == [
                    "timestamp", "level", "message", "logger", "requestId", "traceId", "cold_start", "order_id",
                ])
            #expect(entry.object["requestId"] as? String == "r-1")
            #expect(entry.object["traceId"] as? String == "1-5759e988-bd862e3fe1be46a994272793")
        }
    }

    @Test func onLambdaWithoutAFormatTheLinesAreLambdaText() async throws {
        let result = try await runScenario(["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "LOG_LEVELS": "payments=error"])
        #expect(result.status == 0)
        #expect(
            result.lines.map {
                $0.replacingOccurrences(
                    of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"#, with: "T", options: .regularExpression)
            }
                == [
                    "[ERROR]\tT\tr-1\tpayments error cold_start=true order_id=42",
                    "[CRITICAL]\tT\tr-1\tpayments critical cold_start=true order_id=42",
                    "[INFO]\tT\tr-1\tother info cold_start=true order_id=42",
                ])
    }

    @Test func offLambdaLogFormatAndLogLevelDecide() async throws {
        let result = try await runScenario([
            "LOG_FORMAT": "logfmt", "LOG_LEVEL": "debug", "AWS_LAMBDA_LOG_LEVEL": "ERROR",
        ])
        #expect(result.status == 0)
        #expect(result.lines.count == 8)
        #expect(result.lines.allSatisfy { $0.hasPrefix("time=") })
        #expect(
            result.lines.first?.contains(" level=debug logger=payments msg=\"payments debug\" requestId=r-1 ") == true)
        #expect(result.errors.contains("AWS_LAMBDA_LOG_LEVEL=ERROR not used: not on Lambda"))
    }

    @Test func aBadValueStopsBootstrapWithAClearMessageAndNoOutput() async throws {
        let result = try await runScenario(["AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_LOG_FORMAT": "XML"])
        #expect(result.status == 2)
        #expect(result.lines.isEmpty)
        #expect(
            result.errors
                == "error: Log.bootstrap(.environment): AWS_LAMBDA_LOG_FORMAT=\"XML\" is invalid; expected Text or JSON (any case). Nothing was applied.\n"
        )
    }
}
