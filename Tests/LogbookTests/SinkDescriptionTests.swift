import Logbook
import Testing

/// What sinks report about themselves: the descriptions ``LogSetup`` prints.
@Suite("Sink descriptions")
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
}
