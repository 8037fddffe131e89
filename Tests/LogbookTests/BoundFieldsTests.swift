import Logbook
import LogbookTesting
import Testing

@Suite("Fields: call site, bound, context")
struct BoundFieldsTests {
    @Test("bound fields reach every record of the handle; the call site wins on a shared key")
    func precedence() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let refunds = hierarchy.logger("payments").with(["component": "refunds", "region": "eu"])
        LogContext.with(["request_id": "r-1", "region": "context-loses", "component": "context-loses"]) {
            refunds.info("issued", ["region": "us"])
        }
        let record = try #require(sink.records.first)
        let merged = record.mergedFields
        #expect(merged.map(\.key) == ["region", "component", "request_id"])
        #expect(merged["region"]?.logValue == "us")
        #expect(merged["component"]?.logValue == "refunds")
        #expect(merged["request_id"]?.logValue == "r-1")
    }

    @Test("binding on a bound handle merges, the newer value winning")
    func nestedWith() {
        let hierarchy = LogHierarchy()
        let log = hierarchy.logger("a").with(["x": 1, "y": 1]).with(["y": 2])
        #expect(log.boundFields == ["x": 1, "y": 2])
    }

    @Test("within one layer the last occurrence of a key wins")
    func repeatedKeys() {
        let record = makeRecord(fields: ["k": 1, "other": true, "k": 2])
        #expect(record.mergedFields == ["other": true, "k": 2])
        #expect(record.fieldCount == 2)
    }

    @Test("errors are kept on the record")
    func errorKept() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        hierarchy.logger("payments").error("charge failed", error: GatewayError())
        let record = try #require(sink.records.first)
        #expect(record.error is GatewayError)
        #expect(record.level == .error)
        #expect(record.logger == "payments")
    }

    @Test("records carry the call site")
    func callSite() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let line: UInt = #line + 1
        hierarchy.logger("a").notice("here")
        let record = try #require(sink.records.first)
        #expect(record.file == #fileID)
        #expect(record.line == line)
        #expect(record.function == "callSite()")
    }
}
