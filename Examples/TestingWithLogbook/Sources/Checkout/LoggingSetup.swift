import Logbook

/// The application's logging setup, called once from `main`.
public enum LoggingSetup {
    public static func configure() throws {
        var configuration = LogConfiguration(level: .info, sinks: [StreamSink(.standardOutput)])
        configuration.loggerLevels = ["checkout": .debug, "chatty.dependency": .warning]
        try Log.bootstrap(configuration)
    }
}
