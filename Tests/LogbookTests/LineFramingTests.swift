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
}
