/// Where a formatter writes the trace context fields (`trace_id`, 32 hex digits; `span_id`,
/// 16; `trace_flags`, 2) and how it converts them: a preset's mapping. A value that does not
/// convert, or whose target key the record already has, is written unchanged.
struct TraceKeys: Sendable {
    enum Encoding: Sendable {
        /// The text after the mapping's prefix (Google Cloud's `projects/<project>/traces/`).
        case text
        /// The low 64 bits of a hex id as a decimal string (Datadog).
        case decimalLow64
        /// The flags' sampled bit as a bool.
        case sampledFlag
    }

    typealias Mapping = (field: String, key: String, encoding: Encoding, prefix: String)

    /// Where a mapping's `,"key":` (with a text's quote and prefix) sits in ``memberBytes``.
    private struct Slot: Sendable {
        let encoding: Encoding
        let hexDigits: Int
        let member: Range<Int>
    }

    static let traceID = "trace_id"
    static let spanID = "span_id"
    static let traceFlags = "trace_flags"
    static let fieldNames = [traceID, spanID, traceFlags]

    let mappings: [Mapping]
    private let slots: [Slot]
    private let memberBytes: [UInt8]

    init(_ mappings: [Mapping]) {
        self.mappings = mappings
        var bytes: [UInt8] = []
        slots = mappings.map { mapping in
            let start = bytes.count
            bytes += Array(",".utf8) + JSONLayout.encoded(mapping.key) + Array(":".utf8)
            if case .text = mapping.encoding { bytes += JSONLayout.encoded(mapping.prefix).dropLast() }
            let digits = mapping.field == TraceKeys.traceID ? 32 : mapping.field == TraceKeys.spanID ? 16 : 2
            return Slot(encoding: mapping.encoding, hexDigits: digits, member: start..<bytes.count)
        }
        memberBytes = bytes
    }

    /// The names unchanged (also logfmt, console and Lambda).
    static let openTelemetry = TraceKeys([])

    /// `trace.id`, `span.id`; ECS has no field for `trace_flags`.
    static let elasticCommonSchema = TraceKeys([(traceID, "trace.id", .text, ""), (spanID, "span.id", .text, "")])

    static let datadog = TraceKeys([
        (traceID, "dd.trace_id", .decimalLow64, ""), (spanID, "dd.span_id", .decimalLow64, ""),
    ])

    /// The trace as `projects/<project>/traces/<trace id>`, the bare id without a project.
    static func googleCloud(project: String?) -> TraceKeys {
        TraceKeys([
            (traceID, "logging.googleapis.com/trace", .text, project.map { "projects/\($0)/traces/" } ?? ""),
            (spanID, "logging.googleapis.com/spanId", .text, ""),
            (traceFlags, "logging.googleapis.com/trace_sampled", .sampledFlag, ""),
        ])
    }

    /// Appends the member ``mappings``[`index`] writes for `value`, or returns `false`,
    /// writing nothing, when `value` is not a string of exactly its number of hex digits.
    #if compiler(>=6.3)
    @inline(always)
    #else
    @inline(__always)
    #endif
    func appendJSON(_ value: UnsafePointer<any LogValueConvertible>, mapping index: Int, into buffer: inout LogBuffer)
        -> Bool
    {
        if case .string(let text) = FieldScalar(value) { return appendJSON(text, slot: slots[index], into: &buffer) }
        guard case .string(let text) = LogValue.written(value) else { return false }
        return withUnsafePointer(to: text) { appendJSON($0, slot: slots[index], into: &buffer) }
    }

    @inline(__always)
    private func appendJSON(_ text: UnsafePointer<String>, slot: Slot, into buffer: inout LogBuffer) -> Bool {
        // The digits copied into four words padded with '0's (hex digits too).
        let zeros: UInt64 = 0x3030_3030_3030_3030
        var words = (zeros, zeros, zeros, zeros)
        let count = slot.hexDigits
        let copied = text.pointee.utf8.withContiguousStorageIfAvailable { utf8 in
            guard utf8.count == count else { return false }
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(utf8)) }
            return true
        }
        guard copied == true, Self.isHex(words.0), Self.isHex(words.1), Self.isHex(words.2), Self.isHex(words.3)
        else { return false }
        memberBytes.withUnsafeBytes {
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[slot.member]))
        }
        switch slot.encoding {
        case .text:
            // All four words, then the closing quote over the padding.
            buffer.reserveCapacity(33)
            UnsafeMutableRawPointer(buffer.base + buffer.used).storeBytes(of: words, as: type(of: words))
            buffer.base[buffer.used + count] = UInt8(ascii: "\"")
            buffer.used += count + 1
        case .decimalLow64:
            // The last 16 hex digits are the low 64 bits, 8 at a time.
            let (high, low) = count == 32 ? (words.2, words.3) : (words.0, words.1)
            Self.appendQuotedDecimal(Self.hexValue(high) << 32 | Self.hexValue(low), into: &buffer)
        case .sampledFlag:
            // The second digit, in the lowest nibble.
            buffer.appendBool(Self.hexValue(words.0 << 48) & 1 == 1)
        }
        return true
    }

    @inline(__always)
    private static func isHex(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // Below 0x80, adding at most 0x7F stays within each byte (see SmallString).
        guard word & (ones &* 0x80) == 0 else { return false }
        let lower = word | ones &* 0x20
        let digit = (word &+ ones &* (0x80 - 0x30)) & ~(word &+ ones &* (0x80 - 0x3A))
        let letter = (lower &+ ones &* (0x80 - 0x61)) & ~(lower &+ ones &* (0x80 - 0x67))
        return (digit | letter) & (ones &* 0x80) == ones &* 0x80
    }

    /// The value of eight hex digits, the first highest: nibbles gathered pairwise into
    /// bytes, halfwords, then one word.
    private static func hexValue(_ word: UInt64) -> UInt64 {
        // Each byte's digit value: its low nibble, plus 9 for a letter (bit 6 set).
        let ones: UInt64 = 0x0101_0101_0101_0101
        var value = (word & (ones &* 0x0F)) &+ ((word >> 6) & ones) &* 9
        value = (value & 0x000F_000F_000F_000F) << 4 | (value >> 8) & 0x000F_000F_000F_000F
        value = (value & 0x0000_00FF_0000_00FF) << 8 | (value >> 16) & 0x0000_00FF_0000_00FF
        return (value & 0xFFFF) << 16 | (value >> 32) & 0xFFFF
    }

    /// Appends `value` in decimal between quotes, from three groups of eight digits.
    private static func appendQuotedDecimal(_ value: UInt64, into buffer: inout LogBuffer) {
        let zeros: UInt64 = 0x3030_3030_3030_3030
        let rest = value % 10_000_000_000_000_000
        // A word for the opening quote, the digits, the closing quote, then room to read
        // four whole words from any first digit.
        var digits = (
            UInt64(0), LogBuffer.decimalDigits(value / 10_000_000_000_000_000),
            LogBuffer.decimalDigits(rest / 100_000_000), LogBuffer.decimalDigits(rest % 100_000_000),
            UInt64(UInt8(ascii: "\"")), UInt64(0), UInt64(0), UInt64(0)
        )
        // The first digit that is not a zero (the last one when all are).
        let (top, middle, low) = (digits.1 ^ zeros, digits.2 ^ zeros, digits.3 ^ zeros)
        let first =
            top != 0
            ? top.trailingZeroBitCount / 8
            : middle != 0 ? 8 + middle.trailingZeroBitCount / 8 : 16 + min(low.trailingZeroBitCount / 8, 7)
        buffer.reserveCapacity(32)
        withUnsafeMutableBytes(of: &digits) { bytes in
            // The opening quote right before the first digit; then four words (a call to
            // append(contentsOf:) cost more), the buffer advanced past the closing quote.
            bytes[7 + first] = UInt8(ascii: "\"")
            let destination = UnsafeMutableRawPointer(buffer.base + buffer.used)
            for offset in stride(from: 0, to: 32, by: 8) {
                let word = bytes.loadUnaligned(fromByteOffset: 7 + first + offset, as: UInt64.self)
                destination.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
            }
        }
        buffer.used &+= 26 - first
    }
}
