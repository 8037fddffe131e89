import Foundation
import Hummingbird
import Logbook
import Logging

/// Starts the server: JSON lines on standard output, listening on 127.0.0.1 and `PORT`
/// (default 8080; `0` picks a free port, announced in the `server started` record).
@main
enum ContextServer {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        var settings = ServerSettings()
        if let text = environment["PORT"] {
            guard let port = Int(text), (0...65_535).contains(port) else {
                FileHandle.standardError.write(Data("PORT must be a number from 0 to 65535, got '\(text)'\n".utf8))
                exit(2)
            }
            settings.port = port
        }
        var level = LogLevel.debug
        if let text = environment["LOG_LEVEL"] {
            do {
                level = try LogLevel(parsing: text)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                exit(2)
            }
        }
        try Log.bootstrap(level: level, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])

        // Hummingbird's own swift-log records go to standard error, away from the JSON
        // lines on standard output.
        var hummingbirdLogger = Logging.Logger(label: "hummingbird") { label in
            StreamLogHandler.standardError(label: label)
        }
        hummingbirdLogger.logLevel = .info
        let app = buildApplication(settings, hummingbirdLogger: hummingbirdLogger)
        try await app.runService()
        Log("app").info("server stopped")
    }
}
