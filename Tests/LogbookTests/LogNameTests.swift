import Logbook
import LogbookTesting
import Testing

@Suite("Logger names")
struct LogNameTests {
    @Test(
        "malformed names are normalized, never rejected, by the plain initializer",
        arguments: [
            ("payments.gateway", "payments.gateway"), (" payments . gateway ", "payments.gateway"),
            ("a..b", "a.b"), (".a.", "a"), ("my app.db", "my_app.db"), ("a.\tb", "a.b"), ("a.b\u{7}c", "a.b_c"),
        ])
    func normalizes(raw: String, normalized: String) {
        let hierarchy = LogHierarchy()
        #expect(hierarchy.logger(raw).name == normalized)
    }

    @Test("a name with nothing left is the root")
    func emptyIsRoot() {
        let hierarchy = LogHierarchy()
        #expect(hierarchy.logger("").isRoot)
        #expect(hierarchy.logger(" . ").isRoot)
        #expect(hierarchy.root.name == "root")
    }

    @Test(
        "the validating initializer rejects malformed names with the reason",
        arguments: [
            ("", LogNameError.Reason.empty), (".a", .emptySegment), ("a.", .emptySegment),
            ("a..b", .emptySegment), ("a b", .whitespaceOrControlCharacter), ("a\nb", .whitespaceOrControlCharacter),
        ])
    func validates(raw: String, reason: LogNameError.Reason) {
        #expect(throws: LogNameError(name: raw, reason: reason)) { try Log(validating: raw) }
    }

    @Test("a validation error names the bad name")
    func errorNamesTheName() {
        let error = LogNameError(name: "a..b", reason: .emptySegment)
        #expect(error.description.contains("\"a..b\""))
        #expect(error.description.contains("empty segment"))
    }

    @Test("the root's own name addresses the root and its subtree")
    func rootByName() throws {
        let hierarchy = LogHierarchy()
        #expect(hierarchy.logger("root").isRoot)
        #expect(hierarchy.logger("root.payments").name == "payments")
        #expect(hierarchy.logger("root.root.payments.gateway").parent?.name == "payments")
        hierarchy.logger("root").level = .error
        #expect(hierarchy.root.level == .error)
        let sink = InMemorySink()
        try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [sink], loggerLevels: ["root": .debug]))
        #expect(hierarchy.root.level == .debug, "a per-logger level naming the root wins over the root level")
        hierarchy.logger("root.payments").debug("reached")
        #expect(sink.records.map(\.logger) == ["payments"])
    }

    @Test("a name with 8,000 segments works, and so do configuration changes above it")
    func veryDeepName() async {
        let depth = 8_000
        let name = (0..<depth).map { "s\($0)" }.joined(separator: ".")
        let delivered = await Task.detached {
            let hierarchy = LogHierarchy()
            let sink = InMemorySink()
            let deep = hierarchy.logger(name)
            hierarchy.root.addSink(sink)
            hierarchy.root.level = .debug
            deep.debug("from the bottom")
            return sink.records.map(\.logger.count)
        }.value
        #expect(delivered == [name.count])
    }
}
