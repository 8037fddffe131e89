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

    /// The three field names as a key set.
    static let fieldKeys = KeySet(fieldNames)

    /// The mapping of the field at `key`, if any. Cheap for other keys: one bit of a hash.
    @inline(__always)
    func mapping(for key: UnsafePointer<String>) -> Mapping? {
        guard Self.fieldKeys.contains(at: key) else { return nil }
        for mapping in mappings where mapping.field == key.pointee { return mapping }
        return nil
    }

    /// Appends the JSON value `mapping` writes for `value` and returns `true`, or returns
    /// `false`, writing nothing, to write the field unchanged: when `value` is not exactly
    /// `mapping`'s number of hex digits (either case). Allocates nothing.
    func appendJSON(_ value: LogValue, by mapping: Mapping, into buffer: inout LogBuffer) -> Bool {
        guard case .string(var text) = value else { return false }
        return text.withUTF8 { utf8 in
            guard utf8.count == mapping.hexDigits, utf8.allSatisfy({ Self.hexValue($0) != nil }) else { return false }
            let quote = UInt8(ascii: "\"")
            switch mapping.encoding {
            case .text:
                buffer.append(quote)
                buffer.append(contentsOf: UnsafeRawBufferPointer(utf8))
                buffer.append(quote)
            case .decimalLow64:
                // The last 16 hex digits are the low 64 bits.
                let low = utf8.suffix(16).reduce(UInt64(0)) { $0 << 4 | UInt64(Self.hexValue($1)!) }
                buffer.append(quote)
                if low <= UInt64(Int.max) {
                    buffer.appendDecimal(Int(low))
                } else {
                    buffer.appendDecimal(Int(low / 10))
                    buffer.appendDecimal(Int(low % 10))
                }
                buffer.append(quote)
            case .prefixed(let prefix):
                buffer.append(quote)
                buffer.appendJSONEscaped(prefix, limit: .max)
                buffer.append(contentsOf: UnsafeRawBufferPointer(utf8))
                buffer.append(quote)
            case .sampledFlag:
                buffer.appendBool(Self.hexValue(utf8[utf8.count - 1])! & 1 == 1)
            }
            return true
        }
    }

    /// The value of a hex digit (either case), or `nil`.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }
}
