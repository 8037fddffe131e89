extension LogBuffer {
    /// Appends `text` for a single-line text format: control characters (U+0000–U+001F), DEL, C1
    /// controls (U+0080–U+009F), U+2028 and U+2029 become escapes (`\n`, `\r`, `\t`, and `\u001b`,
    /// `\u0085`, `\u2028` for the others, as JSON and logfmt parsers decode them).
    public mutating func appendSingleLine(_ text: String) {
        if let small = withUnsafePointer(to: text, { SmallString(at: $0) }),
            Self.isPlainText(small, below: 0x20, rejecting: (0x7F, 0x7F, 0x7F))
        {
            return appendSmall(small)
        }
        Self.withUTF8(of: text) { utf8 in
            appendEscaping(utf8, delimiters: (0, 0, 0)) { buffer, index, length in
                buffer.appendTextEscape(utf8, at: index, length: length)
                return length
            }
        }
    }

    /// Appends a logfmt value: as is when it is non-empty and has no space, `=`, `"` or character that
    /// ``appendSingleLine(_:)`` escapes; else in double quotes, `"` and `\` backslash-escaped and
    /// those characters escaped as ``appendSingleLine(_:)`` does.
    public mutating func appendLogfmtValue(_ text: String) {
        if let small = withUnsafePointer(to: text, { SmallString(at: $0) }), Self.isPlainText(small) {
            return appendSmall(small)
        }
        Self.withUTF8(of: text) { utf8 in
            guard utf8.isEmpty || Self.needsQuotes(utf8) else {
                append(contentsOf: UnsafeRawBufferPointer(utf8))
                return
            }
            append(UInt8(ascii: "\""))
            appendEscaping(utf8, delimiters: (0x22, 0x5C, 0x5C)) { buffer, index, length in
                if utf8[index] == 0x22 || utf8[index] == 0x5C {
                    buffer.append(word: UInt64(utf8[index]) << 8 | 0x5C, count: 2)
                } else {
                    buffer.appendTextEscape(utf8, at: index, length: length)
                }
                return length
            }
            append(UInt8(ascii: "\""))
        }
    }

    /// Appends a logfmt key: space, `=`, `"`, each character that ``appendSingleLine(_:)`` escapes,
    /// and U+FFFD (which logfmt parsers refuse in a key) become `_` (a logfmt key has no quoting, so
    /// cannot carry escapes); an empty key becomes `_`.
    public mutating func appendLogfmtKey(_ key: String) {
        appendLogfmtKeyReportingChange(key)
    }

    /// ``appendLogfmtKey(_:)``, returning whether the key written differs from `key`.
    @discardableResult
    mutating func appendLogfmtKeyReportingChange(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { utf8 in
            if utf8.isEmpty {
                append(UInt8(ascii: "_"))
                return true
            }
            var changed = false
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                var length = ObeyedCharacters.length(in: utf8, at: index)
                if byte == 0xEF && index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] == 0xBD {
                    length = 3  // U+FFFD
                }
                let replaced = length > 0 || Self.forcesQuotes(byte)
                changed = changed || replaced
                append(replaced ? UInt8(ascii: "_") : byte)
                index += Swift.max(length, 1)
            }
            return changed
        }
    }

    /// `key` as ``appendLogfmtKey(_:)`` writes it.
    static func logfmtKey(_ key: String) -> String {
        var written = LogBuffer(capacity: key.utf8.count + 1)
        return written.appendLogfmtKeyReportingChange(key) ? written.string : key
    }

    /// Whether a logfmt value holds a byte of ``forcesQuotes(_:)`` or a character that
    /// ``appendSingleLine(_:)`` escapes.
    private static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        // Eight ASCII bytes at a time; from a word with another byte on, byte by byte.
        while index + 8 <= utf8.count {
            let word = UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            if flaggedBytes(word, below: 0x21, (0x3D, 0x22, 0x3D)) != 0 { return true }
            index += 8
        }
        return (index..<utf8.count).contains {
            forcesQuotes(utf8[$0]) || (utf8[$0] >= 0xC2 && ObeyedCharacters.length(in: utf8, at: $0) > 0)
        }
    }

    private static func forcesQuotes(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x3D || byte == 0x22 || byte == 0x7F
    }

    /// Whether a short ASCII string is non-empty with no byte below `lowest`, DEL or of `bytes` (by
    /// default, a plain logfmt key or value), checking all 15 bytes at once.
    @inline(__always)
    static func isPlainText(
        _ small: SmallString, below lowest: UInt8 = 0x21, rejecting bytes: (UInt8, UInt8, UInt8) = (0x3D, 0x22, 0x3D)
    ) -> Bool {
        let count = small.count
        if count == 0 { return false }
        let low = flaggedBytes(small.low, below: lowest, bytes)
        if count <= 8 { return low & (count == 8 ? ~0 : (1 &<< UInt64(count &* 8)) &- 1) == 0 }
        return low | (flaggedBytes(small.high, below: lowest, bytes) & ((1 &<< UInt64((count &- 8) &* 8)) &- 1)) == 0
    }

    /// Appends a short ASCII string between the low `prefixCount` bytes of `prefix` and the low
    /// `suffixCount` bytes of `suffix` (at most 8 each, lowest first), with one capacity check.
    @inline(__always)
    mutating func appendSmall(
        _ small: SmallString, prefix: UInt64 = 0, prefixCount: Int = 0, suffix: UInt64 = 0, suffixCount: Int = 0
    ) {
        reserveCapacity(32)
        let destination = UnsafeMutableRawPointer(base + used)
        if prefixCount > 0 { destination.storeBytes(of: prefix.littleEndian, as: UInt64.self) }
        destination.storeBytes(of: small.low, toByteOffset: prefixCount, as: UInt64.self)
        destination.storeBytes(of: small.high, toByteOffset: prefixCount + 8, as: UInt64.self)
        if suffixCount > 0 {
            destination.storeBytes(of: suffix.littleEndian, toByteOffset: prefixCount + small.count, as: UInt64.self)
        }
        used &+= prefixCount + small.count + suffixCount
    }

    /// Appends the low `count` bytes of `word` (at most 8), lowest first, with one capacity check.
    @inline(__always)
    mutating func append(word: UInt64, count: Int) {
        assert((0...8).contains(count), "append(word:count:) writes one word: count \(count) is over 8")
        reserveCapacity(8)
        UnsafeMutableRawPointer(base + used).storeBytes(of: word.littleEndian, as: UInt64.self)
        used &+= count
    }

    /// Appends `true` or `false` (in JSON and the text formats alike), as one store.
    @inline(__always)
    mutating func appendBool(_ value: Bool) {
        append(word: value ? 0x6575_7274 : 0x65_736C_6166, count: value ? 4 : 5)  // "true", "false"
    }

    @inline(__always)
    mutating func appendLogfmtScalar(_ scalar: FieldScalar) {
        switch scalar {
        case .string(let string):
            if let small = SmallString(at: string), Self.isPlainText(small) {
                appendSmall(small)
            } else {
                appendLogfmtValue(string.pointee)
            }
        case .int(let int): appendDecimal(int)
        case .bool(let bool): appendBool(bool)
        case .double(let double): appendDescription(double)
        }
    }

    /// Appends ` error.type=… error.message=…` for `error`, as the text formats write it.
    mutating func appendLogfmtError(_ error: any Error) {
        appendLogfmtPair("error.type", .string(String(reflecting: type(of: error))))
        appendLogfmtPair("error.message", .string(String(describing: error)))
    }

    /// Appends ` key=value` for a leaf of ``forEachFlattenedLeaf(_:_:maximumDepth:_:)``, the key
    /// dimmed with `dimsKey` (console colours); returns whether the key changed.
    @discardableResult
    mutating func appendLogfmtPair(_ key: String, _ value: LogValue, dimsKey: Bool = false) -> Bool {
        append(UInt8(ascii: " "))
        if dimsKey { append(contentsOf: ANSI.dim) }
        let changed = appendLogfmtKeyReportingChange(key)
        if dimsKey { append(contentsOf: ANSI.reset) }
        append(UInt8(ascii: "="))
        appendLeaf(value) { $0.appendLogfmtValue($1) }
        return changed
    }

    /// Appends a value ``forEachFlattenedLeaf(_:_:maximumDepth:_:)`` hands over, in the text formats: a
    /// number or `Bool` as JSON writes it; a string, and `null`, `[]` or `{}` for the others, through `text`.
    mutating func appendLeaf(_ value: LogValue, text: (inout LogBuffer, String) -> Void) {
        switch value {
        case .string(let string): text(&self, string)
        case .int(let int): appendDecimal(int)
        case .double(let double): appendDescription(double)
        case .bool(let bool): appendBool(bool)
        case .null: text(&self, "null")
        case .array: text(&self, "[]")
        case .object: text(&self, "{}")
        }
    }

    /// Calls `body` with each dotted key and value `value` flattens into, in writing order: a
    /// scalar, an empty array or object, or for one nested past `maximumDepth` the string `[too deep]`.
    static func forEachFlattenedLeaf(
        _ key: String,
        _ value: LogValue,
        maximumDepth: Int,
        _ body: (String, LogValue) -> Void
    ) {
        switch value {
        case .object(let fields) where maximumDepth > 0 && !fields.isEmpty:
            for entry in fields.deduplicated() {
                forEachFlattenedLeaf(key + "." + entry.key, entry.value.logValue, maximumDepth: maximumDepth - 1, body)
            }
        case .array(let elements) where maximumDepth > 0 && !elements.isEmpty:
            for (index, element) in elements.enumerated() {
                forEachFlattenedLeaf(key + "." + String(index), element, maximumDepth: maximumDepth - 1, body)
            }
        case .object, .array:
            body(key, maximumDepth > 0 ? value : .string("[too deep]"))
        default:
            body(key, value)
        }
    }
}
