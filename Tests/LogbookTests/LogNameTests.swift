import Logbook
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
}
