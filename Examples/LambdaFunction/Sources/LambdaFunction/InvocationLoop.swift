import Foundation
import Logbook

/// A stand-in for the Lambda runtime: feeds events to the handler one at a time, the
/// way the Runtime API does, with a fresh request id and X-Ray trace header for each
/// and a cold start on the first.
struct InvocationLoop {
    let handler: OrderHandler
    private let coldStart = LambdaColdStart()

    /// The variables the Runtime Interface Emulator sets, used when they are unset so
    /// that `AWS_LAMBDA_LOG_FORMAT` and `AWS_LAMBDA_LOG_LEVEL` apply as on Lambda.
    static func simulateLambdaEnvironment() {
        for (name, value) in [
            ("AWS_LAMBDA_FUNCTION_NAME", "LambdaFunction"),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
        ] {
            setenv(name, value, 0)
        }
    }

    /// Runs one invocation per non-empty line of `events`.
    func run(events: [String]) async {
        for event in events where !event.trimmingCharacters(in: .whitespaces).isEmpty {
            let requestID = UUID().uuidString.lowercased()
            // The runtime publishes each invocation's trace header in _X_AMZN_TRACE_ID.
            setenv(LambdaInvocation.traceHeaderVariable, Self.traceHeader(), 1)
            let invocation = LambdaInvocation.current(requestID: requestID, isColdStart: coldStart.claim())
            _ = await LogContext.withLambdaInvocation(invocation) {
                await handler.handle(event)
            }
        }
    }

    /// An X-Ray trace header: `Root=1-<epoch seconds, hex>-<96 random bits, hex>;Parent=…;Sampled=0`.
    static func traceHeader() -> String {
        func hex(_ digits: Int) -> String {
            String((0..<digits).map { _ in "0123456789abcdef".randomElement()! })
        }
        let epoch = String(Int(Date().timeIntervalSince1970), radix: 16)
        return "Root=1-\(epoch)-\(hex(24));Parent=\(hex(16));Sampled=0"
    }
}
