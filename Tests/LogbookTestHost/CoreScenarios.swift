import Logbook

/// Scenarios for the core: the last resort, bootstrap, and stream sinks that cannot write.
enum CoreScenarios {
    static let all: [String: Scenario] = [
        "last-resort": lastResort,
        "library-isolation": libraryIsolation,
        "second-bootstrap": secondBootstrap,
        "dev-full": devFull,
        "closed-pipe": closedPipe,
        "console-colors": consoleColors,
        "last-resort-huge": lastResortHuge,
        "deep-logger-name": deepLoggerName,
        "reentrant-context-value": reentrantContextValue,
        "utc-times": utcTimes,
        "local-times": localTimes,
        "nested-redaction": nestedRedaction,
        "hashed-with-key": hashedWithKey,
    ]

    /// Prints the RFC 3339 UTC time of each argument (seconds since the epoch, 999 ms into
    /// the second), one a line, through one buffer (its cached date, as a sink's).
    static func utcTimes(_ arguments: [String]) async -> Int32 {
        var buffer = LogBuffer(capacity: 256)
        for argument in arguments {
            buffer.appendRFC3339(LogTimestamp(secondsSinceEpoch: Int64(argument) ?? 0, nanoseconds: 999_000_000))
            buffer.append(UInt8(ascii: "\n"))
        }
        print(buffer.string, terminator: "")
        return 0
    }

    /// Prints, one line for each argument after the first (seconds since the epoch, 999 ms into
    /// the second), its local time, its RFC 3339 UTC time and its local time again, or with a
    /// first argument of `utc-first` the UTC, local and UTC times, through one buffer: the two
    /// cached dates of a sink's buffer, each read after the other was written.
    static func localTimes(_ arguments: [String]) async -> Int32 {
        var buffer = LogBuffer(capacity: 256)
        let utcFirst = arguments.first == "utc-first"
        for argument in arguments.dropFirst() {
            let timestamp = LogTimestamp(secondsSinceEpoch: Int64(argument) ?? 0, nanoseconds: 999_000_000)
            for index in 0..<3 {
                if index > 0 { buffer.append(" ") }
                if (index == 1) == utcFirst {
                    buffer.appendLocalDateTime(timestamp)
                } else {
                    buffer.appendRFC3339(timestamp)
                }
            }
            buffer.append(UInt8(ascii: "\n"))
        }
        print(buffer.string, terminator: "")
        return 0
    }

    /// Bootstraps with the default redaction, or with `off` none, and logs as JSON (to depth 100)
    /// a `password` field, and 70 levels deep both a `password` and a convertible holding one.
    static func nestedRedaction(_ arguments: [String]) async -> Int32 {
        do {
            try Log.bootstrap(
                LogConfiguration(
                    sinks: [StreamSink(.standardOutput, formatter: JSONFormatter(maximumDepth: 100))],
                    redaction: arguments.first == "off" ? .disabled : .default))
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        var deep: LogValue = ["password": "pw-deep"]
        for _ in 0..<70 { deep = [deep] }
        Log("app").info("nested", ["password": "pw-top", "deep": deep, "held": HoldsPassword()])
        return 0
    }

    /// Bootstraps with the hash key given as the argument (none: the per-process key),
    /// prints the setup on standard error and `.hashed("ada@example.com")` on standard output.
    static func hashedWithKey(_ arguments: [String]) async -> Int32 {
        do {
            let redaction = LogRedaction(hashKey: arguments.first)
            let setup = try Log.bootstrap(LogConfiguration(sinks: [], redaction: redaction))
            writeStandardError("setup: \(setup)\n")
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        print(LogSensitiveValue.hashed(LogValue.string("ada@example.com")).logValue)
        return 0
    }

    /// A convertible (not a ``LogValue``) whose value holds a `password` 70 levels deep.
    struct HoldsPassword: LogValueConvertible {
        var logValue: LogValue {
            var value: LogValue = ["password": "pw-held"]
            for _ in 0..<70 { value = ["next": value] }
            return value
        }
    }

    /// Before bootstrap (the default last resort), logs one warning in a context holding a
    /// value whose conversion logs a warning, as a value that cannot render itself might:
    /// that warning carries the same context, so writing it converts the value again.
    /// Prints `survived` when the call returns.
    static func reentrantContextValue(_ arguments: [String]) async -> Int32 {
        LogContext.with(["session": SelfReportingValue()]) {
            Log("app").warning("request failed")
        }
        print("survived")
        return 0
    }

    /// Logs a 200 KB error before bootstrap: the last resort writes it, capped.
    static func lastResortHuge(_ arguments: [String]) async -> Int32 {
        Log("lib").error(String(repeating: "e", count: 200_000))
        return 0
    }

    /// Logs through the logger `a.a.….a` of the argument's length in bytes to standard output
    /// (logfmt), then prints to standard error by how many KiB the peak resident memory grew.
    static func deepLoggerName(_ arguments: [String]) async -> Int32 {
        let name = String(repeating: "a.", count: (Int(arguments.first ?? "") ?? 2) / 2 - 1) + "a"
        let before = peakResidentKiB()
        let log = Log(name)
        log.addSink(StreamSink(.standardOutput, formatter: LogfmtFormatter(lineLimit: 2 * name.utf8.count)))
        log.info("deep")
        writeStandardError("\(peakResidentKiB() - before)\n")
        return 0
    }

    /// On Linux `VmHWM`: `getrusage` there counts the peak of the process that forked this one.
    private static func peakResidentKiB() -> Int {
        #if canImport(Darwin)
        var usage = rusage()
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss / 1024  // bytes there
        #else
        guard let file = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if text.hasPrefix("VmHWM:") { return Int(text.filter(\.isNumber)) ?? 0 }
        }
        return 0
        #endif
    }

    /// Writes one error record to standard output with an automatic-colour console formatter.
    static func consoleColors(_ arguments: [String]) async -> Int32 {
        let sink = StreamSink(.standardOutput, formatter: ConsoleFormatter(timestamp: .none))
        sink.write(LogRecord(level: .error, logger: "tty", message: "coloured?"))
        return 0
    }

    /// Logs from a "library" before and after the application bootstraps.
    static func lastResort(_ arguments: [String]) async -> Int32 {
        let library = Log("lib")
        library.info("info before bootstrap")
        library.warning("library warning before bootstrap")
        do {
            try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        library.info("info after bootstrap")
        library.warning("warning after bootstrap")
        return 0
    }

    /// An application bootstraps JSON to standard output, then runs library code that
    /// only asks for a logger and logs.
    static func libraryIsolation(_ arguments: [String]) async -> Int32 {
        let app = Log("app")
        do {
            try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        app.info("app started")
        PretendLibrary.run()
        app.info("app done")
        return 0
    }

    static func secondBootstrap(_ arguments: [String]) async -> Int32 {
        do {
            print("first bootstrap at \(#fileID):\(#line + 1)")
            try Log.bootstrap(level: .info, sinks: [])
            try Log.bootstrap(level: .debug, sinks: [])
            print("second bootstrap returned normally")
            return 1
        } catch {
            print(error)
            return 0
        }
    }

    /// Logs 1,000 records into a sink writing to `/dev/full`.
    static func devFull(_ arguments: [String]) async -> Int32 {
        let fd = open("/dev/full", O_WRONLY)
        guard fd >= 0 else { return 2 }
        return logIntoBrokenDescriptor(fd, ignoreBrokenPipe: false)
    }

    /// Logs 1,000 records into a pipe whose reader has closed; `ignore` asks bootstrap to
    /// ignore SIGPIPE, `default` leaves it alone.
    static func closedPipe(_ arguments: [String]) async -> Int32 {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return 2 }
        close(descriptors[0])
        return logIntoBrokenDescriptor(descriptors[1], ignoreBrokenPipe: arguments.first == "ignore")
    }

    private static func logIntoBrokenDescriptor(_ fd: Int32, ignoreBrokenPipe: Bool) -> Int32 {
        let sink = StreamSink(.fileDescriptor(fd), formatter: JSONFormatter())
        do {
            try Log.bootstrap(level: .info, sinks: [sink], ignoreBrokenPipe: ignoreBrokenPipe)
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        let log = Log("service")
        for index in 0..<1000 {
            log.info("record", ["index": index])
        }
        print("logged 1000 records, \(sink.failureCount) failed writes")
        return 0
    }
}

/// Stands in for a third-party library: it asks for its logger and logs, nothing else.
enum PretendLibrary {
    static let log = Log("lib")

    static func run() {
        log.debug("library debug")
        log.info("library info", ["step": 1])
        log.warning("library warning", ["step": 2])
    }
}

/// A field value whose conversion logs a warning.
private struct SelfReportingValue: LogValueConvertible {
    var logValue: LogValue {
        Log("session").warning("session could not be rendered")
        return "unrenderable"
    }
}
