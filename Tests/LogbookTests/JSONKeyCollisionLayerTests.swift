import Logbook
import Testing

/// A field key is classified by one look-up (reserved: renamed; taken by a renamed member or a
/// trace key: the line is written again, searched; a trace field: mapped), whichever layer the
/// field comes from. Datadog's preset has all three kinds; expected lines are written by hand
/// from the rules in Documentation/Formats.md.
@Suite("JSON key collisions in every layer")
struct JSONKeyCollisionLayerTests {
    static let header =
        #"{"timestamp":"2024-08-06T11:54:56.789Z","status":"info","logger.name":"payments","message":"charge created""#
    static let traceID = "0af7651916cd43dd8448eb211c80319c"
    static let spanID = "b7ad6b7169203331"

    @Test("reserved keys in the static, call-site, bound and context layers are renamed; provided ids are mapped")
    func reservedInEveryLayer() {
        var record = makeRecord(
            fields: ["status": "c"], boundFields: ["logger.name": "b"], context: LogContext(["error.kind": "x"]))
        record.providedFields = ["trace_id": Self.traceID, "span_id": Self.spanID]
        let formatter = JSONFormatter.datadog().addingStaticFields(["message": "s"])
        #expect(
            formatter.format(record)
                == Self.header
                + #","fields.message":"s","fields.status":"c","fields.logger.name":"b","fields.error.kind":"x""#
                + #","dd.trace_id":"9532127138774266268","dd.span_id":"13235353014750950193"}"#)
    }

    @Test("a field with a renamed member's key, in any layer, moves the reserved field one step further")
    func renamedKeyTaken() {
        // The call-site `message` is first given `fields.message`; a later layer's field has that
        // key, so the line is written again and the renamed field avoids it.
        for layer in 0..<3 {
            let taken: LogFields = ["fields.message": "t"]
            var record = makeRecord(
                fields: ["message": "c"], boundFields: layer == 0 ? taken : [:],
                context: LogContext(layer == 1 ? ["fields.message": "t"] : [:]))
            if layer == 2 { record.providedFields = taken }
            #expect(
                JSONFormatter.datadog().format(record)
                    == Self.header + #","fields.fields.message":"c","fields.message":"t"}"#, "layer \(layer)")
        }
        let staticTaken = JSONFormatter.datadog().addingStaticFields(["fields.message": "t"])
        #expect(
            staticTaken.format(makeRecord(fields: ["message": "c"]))
                == Self.header + #","fields.message":"t","fields.fields.message":"c"}"#)
    }

    @Test("a field with a trace key's target, in any layer before or after, keeps the trace field as it is")
    func traceKeyTaken() {
        var record = makeRecord(fields: ["trace_id": Self.traceID], context: LogContext(["dd.trace_id": "mine"]))
        record.providedFields = ["span_id": Self.spanID]
        #expect(
            JSONFormatter.datadog().format(record)
                == Self.header + #","trace_id":"0af7651916cd43dd8448eb211c80319c","dd.trace_id":"mine""#
                + #","dd.span_id":"13235353014750950193"}"#)
        let staticTarget = JSONFormatter.datadog().addingStaticFields(["dd.span_id": "mine"])
        var provided = makeRecord()
        provided.providedFields = ["span_id": Self.spanID]
        #expect(
            staticTarget.format(provided)
                == Self.header + #","dd.span_id":"mine","span_id":"b7ad6b7169203331"}"#)
    }
}
