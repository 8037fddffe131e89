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
        case prefixed(ArraySlice<UInt8>)
        /// Whether the sampled bit (the lowest) of hex trace flags is set, as a bool.
        case sampledFlag
    }

    /// One field written under another key.
    struct Mapping: Sendable {
        /// The field's own key: `trace_id`, `span_id` or `trace_flags`.
        let field: String
        /// The key written instead, and its member start `,"key":`.
        let key: String
        let encodedKey: [UInt8]
        let encoding: Encoding
        /// The number of hex digits the field's value must have.
        let hexDigits: Int
    }

    /// The OpenTelemetry field names.
    static let traceID = "trace_id"
    static let spanID = "span_id"
    static let traceFlags = "trace_flags"
    static let fieldNames = [traceID, spanID, traceFlags]

    let mappings: [Mapping]

    var isEmpty: Bool { mappings.isEmpty }

    private init(_ mappings: [(field: String, key: String, encoding: Encoding)]) {
        self.mappings = mappings.map { mapping in
            let digits = mapping.field == Self.traceID ? 32 : mapping.field == Self.spanID ? 16 : 2
            let encodedKey = Array(",".utf8) + JSONLayout.encoded(mapping.key) + Array(":".utf8)
            return Mapping(
                field: mapping.field, key: mapping.key, encodedKey: encodedKey, encoding: mapping.encoding,
                hexDigits: digits)
        }
    }

    /// These mappings without those whose key is in `keys` (a formatter's own keys).
    func removing(_ keys: KeySet) -> TraceKeys {
        TraceKeys(mappings.filter { !keys.contains($0.key) }.map { ($0.field, $0.key, $0.encoding) })
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
        // The prefix with its opening quote only.
        let trace = project.map { Encoding.prefixed(JSONLayout.encoded("projects/\($0)/traces/").dropLast()) } ?? .text
        return TraceKeys([
            (traceID, "logging.googleapis.com/trace", trace),
            (spanID, "logging.googleapis.com/spanId", .text),
            (traceFlags, "logging.googleapis.com/trace_sampled", .sampledFlag),
        ])
    }

    /// The three field names as a key set.
    static let fieldKeys = KeySet(fieldNames)

    /// The index in ``mappings`` of the field at `key`, if any. Cheap for other keys: one
    /// bit of a hash.
    @inline(__always)
    func mappingIndex(for key: UnsafePointer<String>) -> Int? {
        guard Self.fieldKeys.contains(at: key) else { return nil }
        // The three names differ in length.
        let length = key.pointee.utf8.count
        return mappings.firstIndex { $0.field.utf8.count == length }
    }
}

extension TraceKeys.Mapping {
    /// Appends the JSON value this mapping writes for the string `text` and returns
    /// `true`, or returns `false`, writing nothing, to write the field unchanged: when
    /// `text` is not exactly ``hexDigits`` hex digits (either case). Allocates nothing.
    func appendJSON(_ text: UnsafePointer<String>, into buffer: inout LogBuffer) -> Bool {
        let utf8 = text.pointee.utf8
        guard utf8.count == hexDigits else { return false }
        return utf8.withContiguousStorageIfAvailable { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            guard Self.isHex(bytes) else { return false }
            let quote = UInt8(ascii: "\"")
            switch encoding {
            case .text:
                buffer.append(quote)
                buffer.append(contentsOf: bytes)
                buffer.append(quote)
            case .decimalLow64:
                // The last 16 hex digits are the low 64 bits, 8 at a time.
                let high = Self.hexValue(bytes.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt64.self))
                let low = Self.hexValue(bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
                buffer.append(quote)
                buffer.appendDecimal(high << 32 | low)
                buffer.append(quote)
            case .prefixed(let prefix):
                prefix.withUnsafeBytes { buffer.append(contentsOf: $0) }
                buffer.append(contentsOf: bytes)
                buffer.append(quote)
            case .sampledFlag:
                buffer.appendBool(Self.hexValue(UInt64(bytes[bytes.count - 1]) << 56) & 1 == 1)
            }
            return true
        } ?? false
    }

    /// Whether every byte is a hex digit (either case), eight bytes at a time.
    private static func isHex(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        var offset = 0
        while offset < bytes.count {
            var word: UInt64
            if bytes.count - offset >= 8 {
                word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            } else {
                word = ones &* 0x30  // a short tail (trace flags), padded with '0's
                withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: .init(rebasing: bytes[offset...])) }
            }
            offset += 8
            // Below 0x80, adding at most 0x7F stays within each byte (see SmallString).
            guard word & (ones &* 0x80) == 0 else { return false }
            let lower = word | ones &* 0x20
            let digit = (word &+ ones &* (0x80 - 0x30)) & ~(word &+ ones &* (0x80 - 0x3A))
            let letter = (lower &+ ones &* (0x80 - 0x61)) & ~(lower &+ ones &* (0x80 - 0x67))
            guard (digit | letter) & (ones &* 0x80) == ones &* 0x80 else { return false }
        }
        return true
    }

    /// The value of eight hex digits (checked by ``isHex(_:)``), the first one highest.
    private static func hexValue(_ word: UInt64) -> UInt64 {
        // Each byte's digit value: its low nibble, plus 9 for a letter (bit 6 set).
        let ones: UInt64 = 0x0101_0101_0101_0101
        var value: UInt64 = 0
        let digits = (word & (ones &* 0x0F)) &+ ((word >> 6) & ones) &* 9
        for index in 0..<8 { value = value << 4 | (digits >> UInt64(index * 8)) & 0x0F }
        return value
    }
}
