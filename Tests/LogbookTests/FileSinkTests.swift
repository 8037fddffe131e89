import Foundation
import Logbook
import Testing

@Suite struct FileSinkTests {
    let directory = TemporaryDirectory()

    private func record(_ message: String, level: LogLevel = .info) -> LogRecord {
        LogRecord(level: level, logger: "test", message: message, fields: ["n": 1])
    }

    @Test func appendsOneJSONLinePerRecordToAnExistingFile() throws {
        let path = directory.file("app.log")
        try Data("existing\n".utf8).write(to: URL(fileURLWithPath: path))
        let sink = try FileSink(path: path)
        sink.write(record("first"))
        sink.write(record("second"))
        let lines = directory.lines("app.log")
        #expect(lines.count == 3)
        #expect(lines[0] == "existing")
        #expect(jsonObject(lines[1])?["message"] as? String == "first")
        #expect(jsonObject(lines[2])?["message"] as? String == "second")
    }

    @Test func createsTheFileWithTheRequestedMode() throws {
        let path = directory.file("private.log")
        let previous = umask(0)
        defer { umask(previous) }
        _ = try FileSink(path: path, options: .init(mode: 0o600))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func anUnopenablePathThrowsNamingThePathAndTheError() {
        let path = directory.file("missing/app.log")
        #expect(throws: FileSinkError.cannotOpen(path: path, errno: ENOENT)) { try FileSink(path: path) }
        do {
            _ = try FileSink(path: path)
        } catch {
            #expect(error.description.contains(path))
            #expect(error.description.contains("ENOENT"))
        }
    }

    @Test func createsParentDirectoriesOnRequest() throws {
        let path = directory.file("a/b/c/app.log")
        let sink = try FileSink(path: path, options: .init(createsDirectories: true))
        sink.write(record("hello"))
        #expect(directory.lines("a/b/c/app.log").count == 1)
    }

    @Test func rejectsInvalidOptionsNamingThem() {
        #expect {
            try FileSink(path: directory.file("x.log"), options: .init(rotation: .size(maximumBytes: 100, keep: 0)))
        } throws: { error in
            "\(error)".contains("keep") && "\(error)".contains("1 to 1000")
        }
    }

    @Test func reopensWhenLogrotateMovedTheFile() throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path, options: .init(identityCheckInterval: .zero))
        sink.write(record("before"))
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        sink.write(record("after"))
        #expect(directory.lines("app.log.1").count == 1)
        #expect(jsonObject(directory.lines("app.log")[0])?["message"] as? String == "after")
        #expect(sink.reopenCount == 1)
        #expect(sink.failureCount == 0)
    }

    @Test("with an interval, a moved file is written until the interval has passed, then the path is reopened")
    func identityCheckedOnlyAfterTheInterval() async throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path, options: .init(identityCheckInterval: .milliseconds(1_500)))
        sink.write(record("one"))
        try await Task.sleep(for: .milliseconds(1_600))
        sink.write(record("two"))  // checks the path: still the open file, the next check is due later
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        sink.write(record("three"))
        #expect(sink.reopenCount == 0)
        try await Task.sleep(for: .milliseconds(1_600))
        sink.write(record("four"))
        #expect(directory.lines("app.log.1").map { jsonObject($0)?["message"] as? String } == ["one", "two", "three"])
        #expect(directory.lines("app.log").map { jsonObject($0)?["message"] as? String } == ["four"])
        #expect(sink.reopenCount == 1)
    }

    @Test("a failed reopen keeps the old file, is retried on every write at interval 0, and recovers")
    func failedReopenRetried() throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path, options: .init(identityCheckInterval: .zero))
        sink.failures.reportFirst(to: ReportCollector().report)
        sink.write(record("one"))
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        sink.write(record("two"))
        sink.write(record("three"))
        #expect(sink.failureCount == 2)
        try FileManager.default.removeItem(atPath: path)
        sink.write(record("four"))
        #expect(sink.failureCount == 2)
        #expect(sink.reopenCount == 1)
        let moved = directory.lines("app.log.1").map { jsonObject($0)?["message"] as? String }
        #expect(moved == ["one", "two", "three"])
        #expect(directory.lines("app.log").map { jsonObject($0)?["message"] as? String } == ["four"])
    }

    @Test func recreatesADeletedFile() throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path, options: .init(identityCheckInterval: .zero))
        sink.write(record("one"))
        try FileManager.default.removeItem(atPath: path)
        sink.write(record("two"))
        #expect(directory.lines("app.log").map { jsonObject($0)?["message"] as? String } == ["two"])
    }

    @Test func keepsAppendingAtTheNewEndAfterCopytruncate() throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path, options: .init(identityCheckInterval: .zero))
        for index in 0..<10 { sink.write(record("line \(index)")) }
        truncate(path, 0)
        sink.write(record("after truncate"))
        let data = directory.contents("app.log")
        #expect(!data.contains(0), "no hole of NUL bytes before the new line")
        #expect(directory.lines("app.log").count == 1)
    }

    @Test func reopenIsPublicAndCountsNothingAsFailure() throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path, options: .init(identityCheckInterval: .seconds(3600)))
        try FileManager.default.moveItem(atPath: path, toPath: path + ".old")
        sink.reopen()
        sink.write(record("fresh"))
        #expect(directory.lines("app.log").count == 1)
        #expect(directory.lines("app.log.old").isEmpty)
    }

    @Test func rotatesBySizeKeepingN() throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path, options: .init(rotation: .size(maximumBytes: 1000, keep: 2)))
        for index in 0..<100 { sink.write(record("record \(index)")) }
        #expect(directory.names() == ["app.log", "app.log.1", "app.log.2"])
        var all: [String] = []
        for name in ["app.log.2", "app.log.1", "app.log"] {
            #expect(directory.contents(name).count <= 1000)
            all += directory.lines(name)
        }
        let messages = all.compactMap { jsonObject($0)?["message"] as? String }
        #expect(messages.count == all.count, "every line is complete JSON")
        #expect(messages.last == "record 99")
        // The kept records are the newest ones, in order, without gaps.
        let first = Int(messages.first!.split(separator: " ")[1])!
        #expect(messages == (first..<100).map { "record \($0)" })
    }

    @Test("size rotation after the file was deleted unseen keeps the rotated files and starts a new one")
    func sizeRotationAfterTheFileWasDeleted() throws {
        let path = directory.file("app.log")
        let sink = try FileSink(
            path: path,
            options: .init(rotation: .size(maximumBytes: 300, keep: 3), identityCheckInterval: .seconds(3600)))
        for index in 0..<30 { sink.write(record("record \(index)")) }
        #expect(directory.names() == ["app.log", "app.log.1", "app.log.2", "app.log.3"])
        let rotated = ["app.log.1", "app.log.2", "app.log.3"].map { directory.lines($0) }
        // Deleted (or moved away by logrotate with `nocreate`) between identity checks.
        try FileManager.default.removeItem(atPath: path)
        for index in 0..<2 { sink.write(record("after \(index)")) }
        #expect(["app.log.1", "app.log.2", "app.log.3"].map { directory.lines($0) } == rotated)
        #expect(
            directory.lines("app.log").compactMap { jsonObject($0)?["message"] as? String } == ["after 0", "after 1"])
    }

    @Test func rotatesByTimeNamingTheFileAfterItsPeriod() throws {
        let path = directory.file("app.log")
        try Data("old line\n".utf8).write(to: URL(fileURLWithPath: path))
        // 2024-08-06T13:30:00Z
        let old = Date(timeIntervalSince1970: 1_722_951_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
        let sink = try FileSink(path: path, options: .init(rotation: .time(.hourly, keep: 3)))
        sink.write(record("new"))
        #expect(directory.lines("app.log.2024-08-06T13") == ["old line"])
        #expect(directory.lines("app.log").count == 1)
    }

    @Test("time rotation after the file was moved away unseen writes to a new file, not to the moved one")
    func timeRotationAfterTheFileWasMoved() throws {
        let path = directory.file("app.log")
        try Data("old line\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_722_951_000)], ofItemAtPath: path)
        let sink = try FileSink(
            path: path, options: .init(rotation: .time(.hourly, keep: 3), identityCheckInterval: .seconds(3600)))
        try FileManager.default.moveItem(atPath: path, toPath: directory.file("moved.log"))
        sink.write(record("new"))
        #expect(directory.lines("moved.log") == ["old line"])
        #expect(directory.lines("app.log").compactMap { jsonObject($0)?["message"] as? String } == ["new"])
        #expect(sink.failureCount == 0)
    }

    @Test func timeRotationKeepsOnlyTheNewest() throws {
        let path = directory.file("app.log")
        for day in ["2024-08-01", "2024-08-02", "2024-08-03"] {
            try Data("x\n".utf8).write(to: URL(fileURLWithPath: path + "." + day))
        }
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_722_951_000)], ofItemAtPath: path)
        let sink = try FileSink(path: path, options: .init(rotation: .time(.daily, keep: 2)))
        sink.write(record("new"))
        #expect(directory.names() == ["app.log", "app.log.2024-08-03", "app.log.2024-08-06"])
    }

    @Test func periodStampsAreUTC() {
        #expect(FileSink.stamp(forPeriod: 1_722_951_000 / 3600, of: .hourly) == "2024-08-06T13")
        #expect(FileSink.stamp(forPeriod: 1_722_951_000 / 86400, of: .daily) == "2024-08-06")
        #expect(FileSink.stamp(forPeriod: 0, of: .daily) == "1970-01-01")
    }

    @Test func aFullDeviceIsCountedAndReportedOnceNeverThrown() throws {
        let reports = ReportCollector()
        let sink = try FileSink(
            path: "/dev/full", formatter: JSONFormatter(), level: .trace, filters: [], options: .init())
        sink.failures.reportFirst(to: reports.report)
        for _ in 0..<5 { sink.write(record("lost")) }
        #expect(sink.failureCount == 5)
        #expect(reports.messages.count == 1)
        #expect(reports.messages.first?.contains("ENOSPC") == true)
    }

    @Test func capsLongLinesOfTextFormattersWithAMarker() throws {
        let path = directory.file("console.log")
        let sink = try FileSink(
            path: path, formatter: ConsoleFormatter(colors: .never, lineLimit: 1000))
        sink.write(record(String(repeating: "é word ", count: 1000)))
        let lines = directory.lines("console.log")
        #expect(lines.count == 1)
        #expect(lines[0].utf8.count <= 1000)
        // 24 bytes of time, 9 of padded level, 6 of "test: ", 1000 × 8 of message, 4 of " n=1".
        #expect(lines[0].hasSuffix(" word truncated=\"…[truncated 8043 bytes]\""))
        #expect(!lines[0].contains("\u{FFFD}"), "cut on a character boundary")
    }

    @Test func concurrentWritersNeverInterleaveLines() async throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path, options: .init(identityCheckInterval: .zero))
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<500 {
                        sink.write(LogRecord(level: .info, logger: "t\(task)", message: "m\(index)"))
                    }
                }
            }
        }
        let lines = directory.lines("app.log")
        #expect(lines.count == 4000)
        #expect(lines.allSatisfy { jsonObject($0) != nil })
    }
}

@Suite("FileSink: a batch cut short")
struct FileSinkPartialBatchTests {
    @Test("a batch that fails part-way keeps its complete lines and removes only the partial one")
    func partialBatch() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("partial-\(UUID().uuidString).log")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try await TestHost.run("file-partial-batch", [path])
        #expect(outcome.status == 0)
        #expect(outcome.outputLines == ["failures=1"])
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        // 400-byte lines under a 1,000-byte limit: two complete lines fit, the third was cut.
        #expect(lines.count == 3 && lines.last == "")
        #expect(lines.prefix(2).allSatisfy { $0.hasPrefix("{\"line\":") && $0.hasSuffix("\"}") })
        #expect(contents.utf8.count == 800)
    }

    @Test("after a failed write, the next write checks the path at once, whatever the interval")
    func checkAfterFailedWrite() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("failed-\(UUID().uuidString).log")
            .path
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".1")
        }
        let outcome = try await TestHost.run("file-check-after-failed-write", [path])
        #expect(outcome.status == 0)
        #expect(outcome.outputLines == ["failures=1 reopens=1"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "after\n")
        #expect(try String(contentsOfFile: path + ".1", encoding: .utf8) == "")
    }
}

@Suite("FileSink: options")
struct FileSinkOptionTests {
    @Test(
        "out-of-range options are refused at setup, naming the option and its value",
        arguments: [
            (FileSink.Options(mode: 0o17777), "mode"),
            (FileSink.Options(identityCheckInterval: .seconds(-1)), "identityCheckInterval"),
            (FileSink.Options(identityCheckInterval: .seconds(Int64.max)), "identityCheckInterval"),
        ])
    func rejectsBadOptions(options: FileSink.Options, name: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("opts-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try FileSink(path: path, options: options)
        } throws: { error in
            guard case FileSinkError.invalidOption(let rejected, _, _) = error else { return false }
            return rejected == name && "\(error)".contains(name)
        }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing is created when an option is refused")
    }

    @Test("a path with a NUL byte is refused, naming it, instead of opening the part before the NUL")
    func pathWithANulByte() {
        let directory = TemporaryDirectory()
        // The C library would see "app.log": rotation would then rename and delete that file.
        let path = directory.file("app.log\u{0}.evil")
        #expect {
            try FileSink(path: path, options: .init(rotation: .size(maximumBytes: 100, keep: 1)))
        } throws: { error in
            guard case FileSinkError.invalidOption("path", let value, _) = error else { return false }
            return value.contains("app.log\\0.evil") && !"\(error)".contains("\u{0}")
        }
        #expect(directory.names().isEmpty, "nothing is created")
    }

    @Test("a parent directory that cannot be created is refused, naming it and the error")
    func uncreatableDirectory() throws {
        let directory = TemporaryDirectory()
        // A regular file where a directory is needed: mkdir fails with ENOTDIR below it.
        let blocker = directory.file("blocker")
        try Data().write(to: URL(fileURLWithPath: blocker))
        let parent = blocker + "/logs"
        #expect(throws: FileSinkError.cannotCreateDirectory(path: parent, errno: ENOTDIR)) {
            try FileSink(path: parent + "/app.log", options: .init(createsDirectories: true))
        }
        let description = FileSinkError.cannotCreateDirectory(path: parent, errno: ENOTDIR).description
        #expect(description == "FileSink cannot create the directory \"\(parent)\": ENOTDIR (Not a directory)")
    }

    @Test(
        "a rotation bound out of range is refused, naming it, its value and what is accepted",
        arguments: [
            (FileRotation.size(maximumBytes: 0, keep: 1), "rotation maximumBytes = 0", "at least 1"),
            (FileRotation.time(.daily, keep: 0), "rotation keep = 0", "1 to 10000"),
            (FileRotation.time(.hourly, keep: 10001), "rotation keep = 10001", "1 to 10000"),
        ])
    func rejectsBadRotation(rotation: FileRotation, named: String, accepted: String) {
        let directory = TemporaryDirectory()
        #expect {
            try FileSink(path: directory.file("app.log"), options: .init(rotation: rotation))
        } throws: { error in
            "\(error)" == "FileSink: \(named) is not accepted; expected \(accepted)"
        }
        #expect(directory.names().isEmpty, "nothing is created")
    }
}
