import Logbook
import LogbookTesting
import Testing

/// A name, its hand-checked normal form and its ancestors below the root, nearest first.
struct SegmentedName: Sendable, CustomTestStringConvertible {
    let raw: String
    let normal: String
    let ancestors: [String]

    var testDescription: String { String(reflecting: raw.unicodeScalars.map(\.value)) }
}

/// Segments are separated by the dot scalar U+002E, not by `Character`: a dot followed by a
/// combining mark, a zero-width joiner or a skin-tone modifier, or preceded by a prepend mark
/// (U+0600 ARABIC NUMBER SIGN), is part of a larger grapheme cluster and must still separate.
@Suite("Logger names split at the dot scalar")
struct LogNameSegmentTests {
    static let names: [SegmentedName] = [
        SegmentedName(raw: "a.\u{301}b", normal: "a.\u{301}b", ancestors: ["a"]),
        SegmentedName(raw: "a\u{600}.b", normal: "a\u{600}.b", ancestors: ["a\u{600}"]),
        SegmentedName(
            raw: "x\u{600}.y.\u{301}z", normal: "x\u{600}.y.\u{301}z", ancestors: ["x\u{600}.y", "x\u{600}"]),
        SegmentedName(raw: "a..\u{301}b", normal: "a.\u{301}b", ancestors: ["a"]),
        SegmentedName(raw: "a\u{600}..b", normal: "a\u{600}.b", ancestors: ["a\u{600}"]),
        SegmentedName(raw: ".\u{301}a", normal: "\u{301}a", ancestors: []),
        SegmentedName(raw: " a . \u{301}b ", normal: "a.\u{301}b", ancestors: ["a"]),
        // Zero-width joiner: inside an emoji sequence, and right after a dot.
        SegmentedName(raw: "👩\u{200D}💻.dev", normal: "👩\u{200D}💻.dev", ancestors: ["👩\u{200D}💻"]),
        SegmentedName(raw: "a.\u{200D}b", normal: "a.\u{200D}b", ancestors: ["a"]),
        // Skin-tone modifier: on its emoji, and right after a dot.
        SegmentedName(raw: "👍\u{1F3FD}.ok", normal: "👍\u{1F3FD}.ok", ancestors: ["👍\u{1F3FD}"]),
        SegmentedName(raw: "a.\u{1F3FD}", normal: "a.\u{1F3FD}", ancestors: ["a"]),
        SegmentedName(raw: "支付.网关.退款", normal: "支付.网关.退款", ancestors: ["支付.网关", "支付"]),
    ]

    /// The names of `log`'s ancestors below the root, nearest first.
    func ancestors(of log: Log) -> [String] {
        var names: [String] = []
        var current = log.parent
        while let next = current, !next.isRoot {
            names.append(next.name)
            current = next.parent
        }
        return names
    }

    @Test("normal form, parent and ancestors", arguments: names)
    func structure(name: SegmentedName) {
        let hierarchy = LogHierarchy()
        let log = hierarchy.logger(name.raw)
        #expect(log.name == name.normal)
        #expect(log.parent?.name == name.ancestors.first ?? "root")
        #expect(ancestors(of: log) == name.ancestors)
    }

    @Test("the root's name before the dot addresses the same logger", arguments: names)
    func addressedBelowRoot(name: SegmentedName) {
        let hierarchy = LogHierarchy()
        #expect(hierarchy.logger("root." + name.raw).name == name.normal)
        #expect(hierarchy.logger("root.root." + name.raw).name == name.normal)
        #expect(ancestors(of: hierarchy.logger("root." + name.raw)) == name.ancestors)
    }

    @Test("the root prefix ends at the dot scalar")
    func rootPrefix() {
        let hierarchy = LogHierarchy()
        #expect(hierarchy.logger("root.\u{301}b").name == "\u{301}b")
        let marked = hierarchy.logger("root\u{600}.b")
        #expect(marked.name == "root\u{600}.b")
        #expect(marked.parent?.name == "root\u{600}")
        #expect(marked.parent?.isRoot == false)
    }

    @Test("an empty segment next to a mark is rejected by the validating initializer")
    func validation() throws {
        for raw in ["a..\u{301}b", "a\u{600}..b", ".\u{301}a", "a\u{600}."] {
            #expect(throws: LogNameError(name: raw, reason: .emptySegment)) { try Log(validating: raw) }
        }
        for raw in ["a.\u{301}b", "a\u{600}.b", "a.\u{1F3FD}", "👩\u{200D}💻.dev"] {
            #expect(throws: Never.self) { try Log(validating: raw) }
        }
    }

    @Test("a record after a dot and a combining mark reaches the parent's sink at the parent's level")
    func inheritsAndPropagates() {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        let parent = hierarchy.logger("a")
        parent.addSink(sink)
        parent.level = .debug
        let child = hierarchy.logger("a.\u{301}b")
        #expect(child.effectiveLevel == .debug)
        child.debug("reached")
        #expect(sink.records.map(\.logger) == ["a.\u{301}b"])
    }

    @Test("a logger filter keeps descendants split at the dot scalar, and only them")
    func filter() {
        func kept(under prefix: String, _ logger: String) -> Bool {
            LogFilter.logger(under: prefix).accepts(LogRecord(level: .info, logger: logger, message: "m"))
        }
        #expect(kept(under: "a", "a.\u{301}b"))
        #expect(kept(under: "root.a", "a.\u{301}b"))
        #expect(kept(under: "a\u{600}", "a\u{600}.b"))
        #expect(kept(under: "a\u{600}", "a\u{600}"))
        #expect(kept(under: "a.\u{200D}b", "a.\u{200D}b.c"))
        #expect(!kept(under: "a", "a\u{301}.b"), "a\u{301} is another segment than a")
        #expect(!kept(under: "a", "ab"))
        #expect(!kept(under: "a.\u{301}b", "a"))
        let record = LogRecord(level: .info, logger: "a.\u{301}b", message: "m")
        #expect(!LogFilter.excludingLogger(under: "a").accepts(record))
        // Canonically equivalent spellings still match, as names compare everywhere else.
        #expect(kept(under: "\u{E9}", "e\u{301}.x"))
        #expect(kept(under: "e\u{301}", "\u{E9}"))
        // An ASCII name equals a non-ASCII spelling (U+212A KELVIN SIGN is K), and ASCII names
        // that differ do not match at any depth.
        #expect(kept(under: "Kafka", "\u{212A}afka.consumer"))
        #expect(kept(under: "\u{212A}afka", "Kafka"))
        #expect(kept(under: "payments.gateway", "payments.gateway.retry"))
        #expect(!kept(under: "payments.gateway", "payments.gate"))
        #expect(!kept(under: "payments.gateway", "payments.gatewayX.retry"))
        #expect(!kept(under: "payments.gateway", "payments"))
    }

    @Test("child(_:) after a prepend mark is the logger of the dotted name, below its parent")
    func child() {
        let hierarchy = LogHierarchy()
        let child = hierarchy.logger("a\u{600}").child("b")
        let direct = hierarchy.logger("a\u{600}.b")
        #expect(child.name == "a\u{600}.b")
        #expect(child.parent?.name == "a\u{600}")
        direct.level = .error
        #expect(child.level == .error, "one node for both")
        let marked = hierarchy.logger("a").child("\u{301}b")
        #expect(marked.name == "a.\u{301}b")
        #expect(marked.parent?.name == "a")
        #expect(hierarchy.logger("a").child(" . ").name == "a")
        #expect(hierarchy.root.child("root.\u{301}b").name == "\u{301}b")
    }
}

/// `LOG_LEVELS` splits its pairs at the `,` and `=` scalars, and names at the dot scalar, so
/// every name `Log(validating:)` accepts can be configured there.
@Suite("LOG_LEVELS names with marks next to separators")
struct LogLevelsNameSegmentTests {
    @Test("pairs and names split at scalars, not Characters")
    func marksNextToSeparators() throws {
        let variables = ["LOG_LEVELS": "a\u{600}=debug,a.\u{301}b=warning,\u{301}c=error, x\u{600} = trace "]
        let hierarchy = LogHierarchy()
        let setup = try hierarchy.bootstrap(LogEnvironment(variables: variables, outputIsTerminal: false))
        #expect(
            setup.loggerLevels == ["a\u{600}": .debug, "a.\u{301}b": .warning, "\u{301}c": .error, "x\u{600}": .trace])
        #expect(hierarchy.logger("a\u{600}.y").effectiveLevel == .debug)
        #expect(hierarchy.logger("a.\u{301}b").parent?.name == "a")
        #expect(hierarchy.logger("a.\u{301}b.z").effectiveLevel == .warning)
    }
}
