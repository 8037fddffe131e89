import Foundation
import Logbook
import Testing

/// A `FileSink` that opens or reopens a file ending in a torn line (a writer was killed
/// mid-write) ends that line first, so no record is glued to the fragment.
@Suite struct TornLineTests {
    let directory = TemporaryDirectory()

    func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    func record(_ message: String) -> LogRecord {
        LogRecord(level: .info, logger: "app", message: message)
    }

    @Test func openingAFileEndingInAFragmentStartsOnANewLine() throws {
        let path = directory.file("app.log")
        try Data("{\"complete\":1}\n{\"timestamp\":\"2024-".utf8).write(to: URL(fileURLWithPath: path))
        let sink = try FileSink(path: path)
        sink.write(record("first"))
        let lines = directory.lines("app.log")
        try #require(lines.count == 3, "\(lines)")
        #expect(lines[1] == "{\"timestamp\":\"2024-")
        #expect(jsonObject(lines[2])?["message"] as? String == "first")
    }

    @Test func reopeningAFileEndingInAFragmentStartsOnANewLine() throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path)
        sink.write(record("before"))
        try append("{\"torn", to: path)
        sink.reopen()
        sink.write(record("after"))
        let lines = directory.lines("app.log")
        try #require(lines.count == 3, "\(lines)")
        #expect(lines[1] == "{\"torn")
        #expect(jsonObject(lines[2])?["message"] as? String == "after")
    }

    @Test func aFileEndingInANewlineOrEmptyGetsNoBlankLine() throws {
        let empty = directory.file("empty.log")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        try FileSink(path: empty).write(record("one"))
        #expect(directory.lines("empty.log").count == 1)

        let complete = directory.file("complete.log")
        try Data("{\"a\":1}\n".utf8).write(to: URL(fileURLWithPath: complete))
        try FileSink(path: complete).write(record("two"))
        let lines = directory.lines("complete.log")
        #expect(lines.count == 2, "\(lines)")
        #expect(!lines.contains(""))
    }
}
