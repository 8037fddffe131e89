import Foundation
import Logbook
import Testing

@Suite("File sink safety")
struct FileSinkSafetyTests {
    let directory = TemporaryDirectory()

    private func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require((attributes[.posixPermissions] as? NSNumber)?.intValue)
    }

    private func record(_ message: String) -> LogRecord {
        LogRecord(level: .info, logger: "test", message: message)
    }

    @Test("a new log file is 0640 by default: the owner writes, the group reads, others get nothing")
    func defaultMode() throws {
        #expect(FileSink.Options().mode == 0o640)
        let path = directory.file("app.log")
        let sink = try FileSink(path: path)
        sink.write(record("x"))
        let mode = try permissions(path)
        // The umask can only take bits away: never more than 0640, always owner read-write.
        #expect(mode & ~0o640 == 0, "mode \(String(mode, radix: 8))")
        #expect(mode & 0o600 == 0o600, "mode \(String(mode, radix: 8))")
    }

    @Test("the files rotation creates keep the mode")
    func rotationKeepsTheMode() throws {
        let path = directory.file("app.log")
        let sink = try FileSink(path: path, options: .init(rotation: .size(maximumBytes: 300, keep: 2)))
        for index in 0..<20 { sink.write(record("record \(index)")) }
        for name in ["app.log", "app.log.1", "app.log.2"] {
            let mode = try permissions(directory.file(name))
            #expect(mode & ~0o640 == 0 && mode & 0o600 == 0o600, "\(name): \(String(mode, radix: 8))")
        }
    }

    @Test("a symbolic link at the path is refused with a typed error naming the path, and its target is untouched")
    func symbolicLinkRefused() throws {
        let target = directory.file("elsewhere")
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: target))
        let path = directory.file("app.log")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        #expect(throws: FileSinkError.symbolicLink(path: path)) { try FileSink(path: path) }
        do {
            _ = try FileSink(path: path)
        } catch {
            #expect(error.description.contains("\"\(path)\""))
            #expect(error.description.contains("symbolic link"))
        }
        #expect(directory.lines("elsewhere") == ["precious"])
    }
}
