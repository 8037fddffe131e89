// A Lambda function run locally through a simulated invocation loop.
//
//   swift run LambdaFunction events.jsonl          # events from a file, one JSON object per line
//   swift run LambdaFunction < events.jsonl        # or from standard input
//
// Logging is bootstrapped from the environment exactly as it would be on Lambda:
// AWS_LAMBDA_LOG_FORMAT (Text or JSON) and AWS_LAMBDA_LOG_LEVEL decide, then LOG_FORMAT,
// LOG_LEVEL and LOG_LEVELS.
import Foundation
import Logbook

InvocationLoop.simulateLambdaEnvironment()

let setup: LogSetup
do {
    // Opt in to the function's name, memory size and version on every line.
    setup = try Log.bootstrap(.environment { $0.includesLambdaFunctionFields = true })
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
FileHandle.standardError.write(Data("logging: \(setup)\n".utf8))

let arguments = CommandLine.arguments.dropFirst()
let input: String
if let path = arguments.first {
    guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(1)
    }
    input = contents
} else {
    input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
}

await InvocationLoop(handler: OrderHandler()).run(events: input.components(separatedBy: "\n"))
