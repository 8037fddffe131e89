import Foundation
import Logbook
import Testing

/// Size rotation of batches of lines (an ``AsyncSink`` hands a ``FileSink`` up to
/// `batchBytes` of lines at once): no file grows past the limit unless one line does.
@Suite("FileSink: size rotation of batches")
struct FileSinkBatchRotationTests {
    let directory = TemporaryDirectory()

    /// `count` lines of `length` bytes each (newline included), numbered from `first`.
    private func lines(_ count: Int, length: Int, from first: Int = 0) -> [UInt8] {
        (first..<first + count).flatMap { index -> [UInt8] in
            let number = String(index)
            return Array((number + String(repeating: "x", count: length - 1 - number.utf8.count) + "\n").utf8)
        }
    }

    private func write(_ bytes: [UInt8], to sink: FileSink) {
        bytes.withUnsafeBytes { sink.writeLines($0) }
    }

    /// Every line of the files, oldest file first.
    private func allLines(keep: Int) -> [String] {
        (1...keep).reversed().flatMap { directory.lines("app.log.\($0)") } + directory.lines("app.log")
    }

    @Test("a batch larger than the limit is split at line ends across files, none larger than the limit")
    func batchLargerThanTheLimit() throws {
        let sink = try FileSink(
            path: directory.file("app.log"), options: .init(rotation: .size(maximumBytes: 1000, keep: 20)))
        write(lines(3, length: 100), to: sink)
        write(lines(45, length: 100, from: 3), to: sink)
        for name in directory.names() {
            #expect(directory.contents(name).count <= 1000, "\(name) has \(directory.contents(name).count) bytes")
        }
        let written = allLines(keep: 20)
        #expect(written.map { Int($0.prefix { $0 != "x" }) } == (0..<48).map { $0 })
        // 300 + 4,500 bytes in files of 1,000: the current file was filled before rotating.
        #expect(directory.names().count == 5)
        #expect(directory.lines("app.log.4").count == 10)
        #expect(directory.lines("app.log").count == 8)
        #expect(sink.failureCount == 0)
    }

    @Test("a line longer than the limit inside a batch is written alone in its file")
    func longLineInsideABatch() throws {
        let sink = try FileSink(
            path: directory.file("app.log"), options: .init(rotation: .size(maximumBytes: 1000, keep: 20)))
        write(lines(2, length: 100) + lines(1, length: 2500, from: 2) + lines(2, length: 100, from: 3), to: sink)
        #expect(directory.names() == ["app.log", "app.log.1", "app.log.2"])
        #expect(directory.contents("app.log.2").count == 200)
        #expect(directory.contents("app.log.1").count == 2500)
        #expect(directory.contents("app.log").count == 200)
    }

    @Test("a batch that fits is one write into the current file, as before")
    func batchThatFits() throws {
        let sink = try FileSink(
            path: directory.file("app.log"), options: .init(rotation: .size(maximumBytes: 1000, keep: 20)))
        write(lines(4, length: 100), to: sink)
        write(lines(6, length: 100, from: 4), to: sink)
        #expect(directory.names() == ["app.log"])
        #expect(directory.contents("app.log").count == 1000)
        #expect(sink.reopenCount == 0)
    }
}
