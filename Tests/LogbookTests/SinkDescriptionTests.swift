import Logbook
import Testing

/// What sinks and formatters report about themselves: the sink descriptions are what
/// ``LogSetup`` prints, the formatter properties what the initializers were given.
@Suite("Sink descriptions and formatter settings")
struct SinkDescriptionTests {
    @Test("each sink describes itself as LogSetup prints it")
    func sinkDescriptions() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("app.log")
        let file = try FileSink(path: path)
        #expect(file.description == "file \(path)")
        let async = AsyncSink(file, options: .init(capacity: 8, overflow: .drop(below: .warning)))
        #expect(async.description == "async(file \(path), capacity 8, drop(below: warning))")
        #expect(async.shutdown(timeout: .seconds(5)))
        #expect(try SyslogSink(.tcp(host: "127.0.0.1", port: 6514)).description == "syslog(tcp://127.0.0.1:6514)")
        #expect(StreamSink(.standardError).description == "standard error")
    }

    @Test("a JSON formatter's properties are the settings it was created with")
    func jsonFormatterSettings() {
        var keys = JSONFormatter.Keys()
        keys.message = "msg"
        let source = JSONFormatter.SourceLocationLayout(flattenedFile: "file", function: "function", line: "line")
        let formatter = JSONFormatter(
            keys: keys, levelNames: .uppercase, errorLayout: .flattened, staticFields: ["service": "shop"],
            sourceLocationLayout: source)
        #expect(formatter.keys == keys)
        #expect(formatter.levelNames == .uppercase)
        #expect(formatter.errorLayout == .flattened)
        #expect(formatter.staticFields == ["service": "shop"])
        #expect(formatter.sourceLocationLayout == source)
        #expect(LambdaJSONFormatter(staticFields: ["service": "shop"]).staticFields == ["service": "shop"])
        #expect(LogfmtFormatter(maximumDepth: 3).maximumDepth == 3)
    }
}
