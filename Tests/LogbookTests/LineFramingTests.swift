import Foundation
import Logbook
import Testing

@Suite("Line cap of text formatters")
struct LineFramingTests {
    @Test("a capped logfmt line never ends inside a \\u escape, at any alignment")
    func escapesStayWhole() {
        let escapes = String(repeating: "\u{1B}", count: 200)
        for lineLimit in 300..<312 {
            var buffer = LogBuffer()
            LogfmtFormatter(lineLimit: lineLimit).formatLine(makeRecord(message: escapes), into: &buffer)
            let line = buffer.string.trimmingCharacters(in: .newlines)
            #expect(line.contains("…[truncated "))
            // Every backslash before the marker starts a complete `\u001b`.
            let kept = line[..<line.range(of: "…[truncated ")!.lowerBound]
            let escapeRuns = kept.components(separatedBy: "\\").dropFirst()
            #expect(escapeRuns.allSatisfy { $0.hasPrefix("u001b") }, "limit \(lineLimit): \(kept.suffix(12))")
        }
    }

    @Test("the text formatters keep their own cap in format(_:into:), not only when a sink asks")
    func formatHonoursTheCap() {
        let record = makeRecord(message: String(repeating: "long message ", count: 100), fields: ["k": "v"])
        let formatters: [any LogFormatter] = [
            LogfmtFormatter(lineLimit: 200), ConsoleFormatter(colors: .never, lineLimit: 200),
            LambdaTextFormatter(lineLimit: 200),
        ]
        for formatter in formatters {
            let line = formatter.format(record)
            #expect(line.utf8.count <= 200, "\(type(of: formatter)): \(line.utf8.count) bytes")
            #expect(line.contains("…[truncated "), "\(type(of: formatter))")
        }
    }
}
