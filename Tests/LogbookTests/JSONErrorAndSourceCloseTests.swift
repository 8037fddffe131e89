import Logbook
import Testing

/// The error's and the call site's members are pre-encoded pieces, each closed by its own
/// piece (`}` for a nested error; `"}`, `}`, `"` or nothing for the call site): every
/// layout, with short keys (written as two words) and long ones (copied), byte for byte.
@Suite("JSON error and source location closes")
struct JSONErrorAndSourceCloseTests {
    static let header = #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"payments","message":"hi""#
    static let stackTrace = #""Parser.parse() at Parser.swift:10\nHandler.handle() at Handler.swift:3""#
    static let nestedError =
        #","error":{"type":"LogbookTests.TracedError","message":"parse failed","stack_trace":"# + stackTrace + "}"
    static let flattenedError =
        #","type":"LogbookTests.TracedError","error.message":"parse failed","stack_trace":"# + stackTrace
    static let nestedSource = #","source":{"file":"Payments/Gateway.swift","function":"charge(_:)","line":"#
    static let flattenedSource = #","file":"Payments/Gateway.swift","function":"charge(_:)","line":"#

    static let layouts: [(JSONFormatter.ErrorLayout, JSONFormatter.SourceLocationLayout, String)] = [
        (.nested, .standard, nestedError + #","amount":1"# + nestedSource + "42}"),
        (.nested, .init(lineAsString: true), nestedError + #","amount":1"# + nestedSource + #""42"}"#),
        (
            .nested, .init(flattenedFile: "file", function: "function", line: "line"),
            nestedError + #","amount":1"# + flattenedSource + "42"
        ),
        (
            .nested, .init(flattenedFile: "file", function: "function", line: "line", lineAsString: true),
            nestedError + #","amount":1"# + flattenedSource + #""42""#
        ),
        (.flattened, .standard, flattenedError + #","amount":1"# + nestedSource + "42}"),
        (.flattened, .init(lineAsString: true), flattenedError + #","amount":1"# + nestedSource + #""42"}"#),
        (
            .flattened, .init(flattenedFile: "file", function: "function", line: "line"),
            flattenedError + #","amount":1"# + flattenedSource + "42"
        ),
        (
            .flattened, .init(flattenedFile: "file", function: "function", line: "line", lineAsString: true),
            flattenedError + #","amount":1"# + flattenedSource + #""42""#
        ),
    ]

    @Test("every error layout with every source location layout, the line as a number or a string", arguments: layouts)
    func shortKeys(errorLayout: JSONFormatter.ErrorLayout, source: JSONFormatter.SourceLocationLayout, tail: String) {
        let formatter = JSONFormatter(
            errorLayout: errorLayout, includesSourceLocation: true, sourceLocationLayout: source)
        let line = formatter.format(makeRecord(message: "hi", fields: ["amount": 1], error: TracedError()))
        #expect(line == Self.header + tail + "}")
    }

    @Test("keys longer than two words, and a key with a non-ASCII byte, end the same way")
    func longKeys() {
        let keys = JSONFormatter.Keys(
            error: "the_error_that_was_thrown", errorType: "its_type_name_in_full", errorMessage: "what_it_says_é",
            stackTrace: "where_it_was_thrown_from")
        let nested = JSONFormatter(
            keys: keys, includesSourceLocation: true,
            sourceLocationLayout: .init(
                nestedUnder: "where_in_the_sources", file: "source_file_path", function: "function_name_é",
                line: "line_number_in_file", lineAsString: true))
        let record = makeRecord(message: "hi", error: TracedError())
        #expect(
            nested.format(record)
                == Self.header
                + #","the_error_that_was_thrown":{"its_type_name_in_full":"LogbookTests.TracedError","#
                + #""what_it_says_é":"parse failed","where_it_was_thrown_from":"# + Self.stackTrace + "}"
                + #","where_in_the_sources":{"source_file_path":"Payments/Gateway.swift","#
                + #""function_name_é":"charge(_:)","line_number_in_file":"42"}}"#)
        let flattened = JSONFormatter(
            keys: keys, errorLayout: .flattened, includesSourceLocation: true,
            sourceLocationLayout: .init(
                flattenedFile: "source_file_path", function: "function_name_é", line: "line_number_in_file",
                lineAsString: true))
        #expect(
            flattened.format(record)
                == Self.header + #","its_type_name_in_full":"LogbookTests.TracedError","#
                + #""what_it_says_é":"parse failed","where_it_was_thrown_from":"# + Self.stackTrace
                + #","source_file_path":"Payments/Gateway.swift","#
                + #""function_name_é":"charge(_:)","line_number_in_file":"42"}"#)
    }

    @Test("a line over the cap only by its message keeps the stack trace: only capped passes leave it out")
    func messageCutKeepsStackTrace() {
        let record = makeRecord(message: String(repeating: "m", count: 2000), error: TracedError())
        let line = JSONFormatter(lineLimit: 1024).format(record)
        // The line with the message cut to nothing is 269 bytes: 1,024 - 269 - 96 (the
        // reserve for the marker) leaves the message 659.
        #expect(
            line
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"payments","message":""#
                + String(repeating: "m", count: 659) + #"…[truncated 2000 bytes]""# + Self.nestedError + "}")
    }

    @Test("with the call site off, its keys are free for fields, nested or flattened")
    func sourceKeysFreeWhenOff() {
        let record = makeRecord(message: "hi", fields: ["source": 1, "file": "a", "line": 2])
        let layouts: [JSONFormatter.SourceLocationLayout] = [
            .standard, .init(flattenedFile: "file", function: "function", line: "line"),
        ]
        for layout in layouts {
            let line = JSONFormatter(sourceLocationLayout: layout).format(record)
            #expect(line == Self.header + #","source":1,"file":"a","line":2}"#)
        }
    }
}
