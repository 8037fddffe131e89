import Foundation
import Hummingbird
import Logbook
import LogbookSwiftLog
import Logging

/// Starts the server: JSON lines on standard output, Hummingbird's own records among them
/// through the swift-log bridge, listening on 127.0.0.1 and `PORT` (default 8080; `0` picks
/// a free port, announced in the `server started` record). `DEBUG_TOKEN`, when set, lets a
/// request carrying it in `X-Debug-Token` choose its own level with `X-Log-Level`.
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
        if let token = environment["DEBUG_TOKEN"], !token.isEmpty {
            settings.debugToken = token
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
        // The bridge goes in first, before anything creates a swift-log `Logger`: from here
        // on every swift-log record, Hummingbird's included, is a Logbook record.
        try Log.bootstrap(level: level, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])
            .bridgingSwiftLog()

        // Hummingbird logs through this swift-log `Logger`; its label is the Logbook logger
        // name, so the hierarchy sets its level like any other logger's. At `info` it writes
        // its start record and one `Request` record per request; its service lifecycle's
        // `debug` records stay off (`.warning` would quiet it altogether).
        let hummingbirdLogger = Logging.Logger(label: "hummingbird")
        Log("hummingbird").level = .info
        let app = buildApplication(settings, hummingbirdLogger: hummingbirdLogger)
        try await app.runService()
        Log("app").info("server stopped")
    }
}
