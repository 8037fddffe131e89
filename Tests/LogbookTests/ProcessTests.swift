import Foundation
import Testing

/// Behaviour only a real process shows: standard error, signals, exit status. Each test
/// runs a scenario of the `LogbookTestHost` executable.
@Suite("Process-level behaviour")
struct ProcessTests {
    @Test("before bootstrap a library's warning reaches stderr via the last resort; its info does not")
    func lastResortBeforeBootstrap() async throws {
        let outcome = try await TestHost.run("last-resort")
        #expect(outcome.status == 0)
        let errors = outcome.errorLines
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.first?.hasPrefix("Logbook: a warning or worse from logger \"lib\" reached no sink") == true)
        #expect(errors.last?.hasSuffix("WARNING  lib: library warning before bootstrap") == true)
        #expect(!outcome.standardError.contains("info before bootstrap"))
        #expect(!outcome.standardError.contains("after bootstrap"))
        let messages = outcome.outputLines.compactMap { JSONCheck.object($0)?["message"] as? String }
        #expect(messages == ["info after bootstrap", "warning after bootstrap"])
    }

    @Test("the last resort's explanation and record, byte for byte")
    func lastResortBytes() async throws {
        let outcome = try await TestHost.run("last-resort")
        let explanation =
            "Logbook: a warning or worse from logger \"lib\" reached no sink: the application has not called "
            + "Log.bootstrap, or that logger's branch has no sink. Such records go to standard error "
            + "(set Log.lastResort = nil to drop them).\n"
        #expect(outcome.standardError.hasPrefix(explanation))
        // Then the record as console text without colour, and nothing else.
        let record = #/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} WARNING  lib: library warning before bootstrap\n/#
        let rest = outcome.standardError.dropFirst(explanation.count)
        #expect(rest.wholeMatch(of: record) != nil, "\(rest)")
    }

    @Test("a logger name's memory grows with its length, not with its length times its segments")
    func deepLoggerName() async throws {
        var grownKiB: [Int] = []
        for bytes in [16 * 1024, 64 * 1024] {
            let outcome = try await TestHost.run("deep-logger-name", ["\(bytes)"])
            #expect(outcome.status == 0)
            let name = String(repeating: "a.", count: bytes / 2 - 1) + "a"
            #expect(outcome.standardOutput.hasSuffix(" level=info logger=\(name) msg=deep\n"))
            grownKiB.append(try #require(outcome.errorLines.last.flatMap { Int($0) }))
        }
        // A name 4 times as long: 3.5 times the memory; 15 times (1 GiB) with a copy of its name in
        // each ancestor. A ratio, so that the thread sanitizer's shadow memory cancels out.
        #expect(grownKiB[1] < grownKiB[0] * 8, "\(grownKiB) KiB")
    }

    @Test("the last resort caps its lines like every sink")
    func lastResortIsCapped() async throws {
        let outcome = try await TestHost.run("last-resort-huge")
        #expect(outcome.status == 0)
        let lines = outcome.errorLines
        #expect(lines.count == 2)
        #expect(lines.last.map { $0.utf8.count <= 64 * 1024 } == true)
        #expect(lines.last?.contains("…[truncated ") == true)
    }

    @Test("a context value whose conversion logs does not recurse through the last resort until the stack overflows")
    func reentrantContextValue() async throws {
        let outcome = try await TestHost.run("reentrant-context-value")
        #expect(outcome.status == 0 && !outcome.killedBySignal, "\(outcome.standardError.suffix(2000))")
        #expect(outcome.outputLines == ["survived"])
        let lines = outcome.errorLines
        // The explanation, the record, and the value's warning once per conversion made
        // while writing the record (the redaction check and the writing may each convert
        // it); writing that warning converts the value again, and what that logs is dropped.
        let warnings = lines.filter { $0.contains("WARNING  session: session could not be rendered") }.count
        #expect((1...2).contains(warnings), "\(lines.prefix(10))")
        #expect(lines.count == 2 + warnings, "\(lines.prefix(10))")
        #expect(lines.last?.contains("WARNING  app: request failed session=unrenderable") == true)
    }

    @Test("a library that only logs changes nothing about the application's output")
    func libraryChangesNothing() async throws {
        let outcome = try await TestHost.run("library-isolation")
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        var received: [[String: String]] = []
        for line in outcome.outputLines {
            let object = try #require(JSONCheck.object(line))
            #expect((object["timestamp"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
            var rest: [String: String] = [:]
            for (key, value) in object where key != "timestamp" { rest[key] = "\(value)" }
            received.append(rest)
        }
        #expect(
            received == [
                ["level": "info", "logger": "app", "message": "app started"],
                ["level": "info", "logger": "lib", "message": "library info", "step": "1"],
                ["level": "warning", "logger": "lib", "message": "library warning", "step": "2"],
                ["level": "info", "logger": "app", "message": "app done"],
            ])
    }

    @Test("a second bootstrap throws an error the caller can handle")
    func secondBootstrap() async throws {
        let outcome = try await TestHost.run("second-bootstrap")
        #expect(outcome.status == 0)
        let lines = outcome.outputLines
        try #require(lines.count == 2)
        let firstCall = lines[0].replacingOccurrences(of: "first bootstrap at ", with: "")
        #expect(firstCall.hasPrefix("LogbookTestHost/CoreScenarios.swift:"))
        #expect(
            lines[1]
                == "Log.bootstrap was already called (first at \(firstCall)); it configures output once per process. "
                + "Change levels and sinks on Log values instead.")
    }

    @Test("writing to /dev/full: the process keeps running and reports once")
    func devFull() async throws {
        let outcome = try await TestHost.run("dev-full")
        #expect(outcome.status == 0)
        #expect(outcome.outputLines == ["logged 1000 records, 1000 failed writes"])
        #expect(outcome.errorLines.count == 1)
        #expect(outcome.errorLines.first?.contains("ENOSPC") == true)
    }

    @Test("a reader that went away, with SIGPIPE ignored through bootstrap: logging continues")
    func closedPipeIgnored() async throws {
        let outcome = try await TestHost.run("closed-pipe", ["ignore"])
        #expect(outcome.status == 0)
        #expect(outcome.outputLines == ["logged 1000 records, 1000 failed writes"])
        #expect(outcome.errorLines.count == 1)
        #expect(outcome.errorLines.first?.contains("EPIPE") == true)
    }

    @Test("a reader that went away, SIGPIPE left alone (the default): the signal ends the process")
    func closedPipeDefault() async throws {
        let outcome = try await TestHost.run("closed-pipe", ["default"])
        #expect(outcome.killedBySignal)
        #expect(outcome.status == SIGPIPE)
    }
}
