/// How a formatter writes the trace context fields that ``LogFieldProvider``s (such as
/// LogbookTracing's `traceContext`) add under OpenTelemetry's names: `trace_id` (32 hex
/// digits), `span_id` (16) and `trace_flags` (2).
///
/// A formatter holds one of these as configuration: the default writes the fields as they
/// are; a preset renames them and converts their values for its backend. A field whose
/// value is not what the conversion expects (not a hex string of the right length), or
/// whose target key the record already has, is written unchanged under its own name.
struct TraceKeys: Sendable {
    /// How a value is converted.
    enum Encoding: Sendable {
        /// The text as it is.
        case text
        /// The low 64 bits of a hex id, as a decimal string (Datadog's ids).
        case decimalLow64
        /// The text after a fixed prefix (Google Cloud's `projects/<project>/traces/`).
        case prefixed(String)
        /// Whether the sampled bit (the lowest) of hex trace flags is set, as a bool.
        case sampledFlag
    }

    /// One field written under another key.
    struct Mapping: Sendable {
        /// The field's own key: `trace_id`, `span_id` or `trace_flags`.
        let field: String
        /// The key written instead.
        let key: String
        let encoding: Encoding
        /// The number of hex digits the field's value must have.
        let hexDigits: Int
    }

    /// The OpenTelemetry field names, with the hex digits each value has.
    static let traceID = "trace_id"
    static let spanID = "span_id"
    static let traceFlags = "trace_flags"
    static let fieldNames = [traceID, spanID, traceFlags]

    let mappings: [Mapping]

    /// Whether `key` is one of the three trace context field names.
    static func isTraceField(_ key: String) -> Bool {
        let length = key.utf8.count
        guard length == 7 || length == 8 || length == 11 else { return false }
        return key == traceID || key == spanID || key == traceFlags
    }

    var isEmpty: Bool { mappings.isEmpty }

    private init(_ mappings: [(field: String, key: String, encoding: Encoding)]) {
        self.mappings = mappings.map { mapping in
            let digits = mapping.field == Self.traceID ? 32 : mapping.field == Self.spanID ? 16 : 2
            return Mapping(field: mapping.field, key: mapping.key, encoding: mapping.encoding, hexDigits: digits)
        }
    }

    /// OpenTelemetry's names, unchanged (the default; also logfmt, console and Lambda).
    static let openTelemetry = TraceKeys([])

    /// Elastic Common Schema: `trace.id`, `span.id`; `trace_flags` has no ECS field and
    /// stays as it is.
    static let elasticCommonSchema = TraceKeys([
        (traceID, "trace.id", .text), (spanID, "span.id", .text),
    ])

    /// Datadog: `dd.trace_id` and `dd.span_id`, the low 64 bits of each id as a decimal
    /// string; `trace_flags` stays as it is.
    static let datadog = TraceKeys([
        (traceID, "dd.trace_id", .decimalLow64), (spanID, "dd.span_id", .decimalLow64),
    ])

    /// Google Cloud Logging's special fields: `logging.googleapis.com/trace` as
    /// `projects/<project>/traces/<trace id>` (the bare id without a project),
    /// `logging.googleapis.com/spanId`, and `logging.googleapis.com/trace_sampled`.
    static func googleCloud(project: String?) -> TraceKeys {
        let trace: Encoding = project.map { .prefixed("projects/\($0)/traces/") } ?? .text
        return TraceKeys([
            (traceID, "logging.googleapis.com/trace", trace),
            (spanID, "logging.googleapis.com/spanId", .text),
            (traceFlags, "logging.googleapis.com/trace_sampled", .sampledFlag),
        ])
    }

    /// The mapping of the field named `key`, if any. Cheap for other keys: a length test.
    @inline(__always)
    func mapping(for key: String) -> Mapping? {
        let length = key.utf8.count
        guard length == 7 || length == 8 || length == 11 else { return nil }
        for mapping in mappings where mapping.field == key { return mapping }
        return nil
    }

    /// Appends the JSON value `mapping` writes for `value` and returns `true`, or returns
    /// `false`, writing nothing, to write the field unchanged. Allocates nothing.
    func appendJSON(_ value: LogValue, by mapping: Mapping, into buffer: inout LogBuffer) -> Bool {
        guard case .string(let text) = value, Self.isHex(text, digits: mapping.hexDigits) else { return false }
        switch mapping.encoding {
        case .text:
            buffer.appendJSONString(text)
        case .decimalLow64:
            // The last 16 hex digits are the low 64 bits.
            guard let low = UInt64(text.suffix(16), radix: 16) else { return false }
            buffer.append(UInt8(ascii: "\""))
            if low <= UInt64(Int.max) {
                buffer.appendDecimal(Int(low))
            } else {
                buffer.appendDecimal(Int(low / 10))
                buffer.appendDecimal(Int(low % 10))
            }
            buffer.append(UInt8(ascii: "\""))
        case .prefixed(let prefix):
            buffer.append(UInt8(ascii: "\""))
            buffer.appendJSONEscaped(prefix, limit: .max)
            buffer.append(text)
            buffer.append(UInt8(ascii: "\""))
        case .sampledFlag:
            guard let flags = UInt8(text, radix: 16) else { return false }
            buffer.append(contentsOf: flags & 1 == 1 ? JSONLayout.trueLiteral : JSONLayout.falseLiteral)
        }
        return true
    }

    /// Whether `text` is exactly `digits` hex digits (either case).
    static func isHex(_ text: String, digits: Int) -> Bool {
        var count = 0
        for byte in text.utf8 {
            guard (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
            else { return false }
            count += 1
        }
        return count == digits
    }
}
