/// A ``JSONFormatter``'s settings and its keys and level names pre-encoded, built once so
/// formatting only copies bytes. A class: the formatter is one word in an `any LogFormatter`.
final class JSONLayout: Sendable {
    /// Where a header member's `"key":` (`,"key":` after the first) sits in ``headerKeys``;
    /// empty for the level, whose key goes with each name (``levelValues``). Trivial, so
    /// iterating costs no reference counting.
    struct HeaderSlot: Sendable {
        let member: JSONFormatter.HeaderMember
        let key: Bytes
    }

    /// Where some bytes sit in ``headerKeys`` and, when they are at most 15 ASCII bytes
    /// (most keys), the same bytes as the two words ``LogBuffer/appendSmall`` stores.
    struct Bytes: Sendable {
        let range: Range<Int>
        let small: SmallString?
    }

    /// A field written right after the error; `""` when absent and `writesEmptyWhenAbsent`
    /// (Lambda's `requestId`).
    typealias PromotedField = (key: String, writesEmptyWhenAbsent: Bool)

    /// Where `settings.promotedFields[field]`'s `,"key":` and its absent form (`,"key":""`
    /// or nothing) sit in ``headerKeys``. Trivial, like ``HeaderSlot``.
    struct PromotedSlot: Sendable {
        let field: Int
        let key: Range<Int>
        let absent: Range<Int>
    }

    /// Three members in one object (`,"error":{"type":`, `,"message":`, `,"stack_trace":`,
    /// closed by `}`) or at the top level (`,"error.type":` and so on, closed by nothing).
    struct Members: Sendable {
        let open: Bytes
        let second: Bytes
        let third: Bytes
        let close: Bytes
    }

    /// What a key of ``specialKeys`` is to the formatter, by its position there: all a
    /// line asks about such a field's key, answered by one look-up.
    struct SpecialKey: Sendable {
        /// The trace field's mapping in the settings' `traceKeys`.
        let traceMapping: Int?
        /// The reserved key's position in ``reserved`` (and ``renamedMembers``).
        let reserved: Int?
        /// Whether it is one of the keys renamed members and trace keys write (see
        /// ``JSONFormatter/writeKey(of:at:fields:record:pass:into:budget:)``).
        let isTaken: Bool
    }

    /// Normalized: header members once each, static fields deduplicated, caps raised, trace
    /// mappings whose key the formatter's own keys take left out.
    let settings: JSONFormatter.Settings

    let header: [HeaderSlot]
    let promoted: [PromotedSlot]
    /// The header keys, the level names, the promoted keys, the error's and the call site's
    /// keys and closes, the dropped-fields key, then ``renamedMembers``.
    let headerKeys: [UInt8]
    /// Each level's key and name (`,"level":"info"`) in ``headerKeys``, by raw value: one
    /// copy per line.
    let levelValues: [Bytes]
    /// The error's type, message and stack trace keys.
    let error: Members
    /// The call site's file, function and line keys; the line's key and the close (`"}`, `}`,
    /// `"` or nothing) have the quotes of a line written as a string.
    let source: Members
    /// ``JSONFormatter/contextKey``, renamed if it repeats another key.
    let writtenContextKey: String?
    let promotedKeys: KeySet

    /// The formatter's own top-level keys, which record fields must not repeat.
    let reserved: KeySet
    /// The keys a field cannot simply be written under, once each: the trace field names
    /// when mapped (first: most lines have one), ``reserved``, and the keys renamed members
    /// and trace keys write (a line with a field that has one of those is written again,
    /// its fields searched first).
    let specialKeys: KeySet
    /// Each of ``specialKeys``, by position.
    let specialRoles: [SpecialKey]
    /// For each key of ``reserved``, where `,"fields.key":` sits in ``headerKeys``: the
    /// member a field with that key gets when the line has no other member with that key.
    /// Empty when renamed keys can collide (see ``KeySet/renamesMayCollide``).
    let renamedMembers: [Range<Int>]

    /// `,"logbook.dropped_fields":`, renamed if a configured key took that name.
    let droppedFieldsKey: Bytes

    static func encoded(_ text: String) -> [UInt8] {
        var buffer = LogBuffer(capacity: 64)
        buffer.appendJSONString(text)
        return buffer.bytes
    }

    init(_ given: JSONFormatter.Settings) {
        var settings = given
        settings.headerOrder = given.headerOrder.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        if settings.headerOrder.isEmpty { settings.headerOrder = JSONFormatter.defaultHeaderOrder }
        settings.staticFields = given.staticFields.deduplicated()
        settings.maximumDepth = max(given.maximumDepth, 1)
        let keys = given.keys
        let includesSourceLocation = given.includesSourceLocation
        let colon = UInt8(ascii: ":")
        func key(_ name: String) -> [UInt8] { [UInt8(ascii: ",")] + Self.encoded(name) + [colon] }

        // Every top-level key, claimed in writing order; one that repeats an earlier one is
        // renamed: a flattened error key to `<error>.<key>`, anything else to `fields.<key>`.
        var reserved: [String] = []
        func claim(_ name: String, in taken: inout [String], fallbackPrefix: String = KeySet.renamePrefix) -> String {
            var candidate = taken.contains(name) ? fallbackPrefix + name : name
            while taken.contains(candidate) { candidate = KeySet.renamePrefix + candidate }
            taken.append(candidate)
            return candidate
        }
        var headerKeys: [UInt8] = []
        func append(_ bytes: [UInt8]) -> Bytes {
            headerKeys += bytes
            let text = String(decoding: bytes, as: UTF8.self)
            let range = headerKeys.count - bytes.count..<headerKeys.count
            return Bytes(range: range, small: withUnsafePointer(to: text) { SmallString(at: $0) })
        }
        var levelKey: [UInt8] = []
        header = settings.headerOrder.map { member in
            let given =
                switch member {
                case .timestamp: keys.timestamp
                case .level: keys.level
                case .logger: keys.logger
                case .message: keys.message
                }
            let name = claim(given, in: &reserved)
            let encoded = member == settings.headerOrder.first ? Self.encoded(name) + [colon] : key(name)
            if member == .level { levelKey = encoded }
            return HeaderSlot(member: member, key: append(member == .level ? [] : encoded))
        }
        levelValues = LogLevel.allCases.map { append(levelKey + Self.encoded(given.levelNames[$0])) }
        // Counting the level's key once, as it is written.
        let ownKeyBytes = headerKeys.count - (LogLevel.allCases.count - 1) * levelKey.count
        promoted = settings.promotedFields.enumerated().map { index, field in
            let member = append(key(field.key)).range
            let absentEnd = field.writesEmptyWhenAbsent ? append(Self.encoded("")).range.upperBound : member.lowerBound
            return PromotedSlot(field: index, key: member, absent: member.lowerBound..<absentEnd)
        }

        // Nested under `object`, the names are claimed among themselves; flattened, each by
        // `top` among the top-level keys (as the object's key is).
        func members(
            under object: String?, _ names: [String], quote: [UInt8] = [], top: (String) -> String
        ) -> Members {
            var inner: [String] = []
            let claimed = names.map { object == nil ? top($0) : claim($0, in: &inner) }
            let open = object.map { key(top($0)) + [UInt8(ascii: "{")] + Self.encoded(claimed[0]) + [colon] }
            return Members(
                open: append(open ?? key(claimed[0])), second: append(key(claimed[1])),
                third: append(key(claimed[2]) + quote),
                close: append(quote + (object == nil ? [] : [UInt8(ascii: "}")])))
        }
        let nestsError = settings.errorLayout == .nested
        error = members(under: nestsError ? keys.error : nil, [keys.errorType, keys.errorMessage, keys.stackTrace]) {
            claim($0, in: &reserved, fallbackPrefix: nestsError ? KeySet.renamePrefix : keys.error + ".")
        }
        let location = given.sourceLocationLayout
        source = members(
            under: location.isNested ? location.objectKey ?? keys.source : nil,
            [location.file, location.function, location.line], quote: location.lineAsString ? [UInt8(ascii: "\"")] : []
        ) { includesSourceLocation ? claim($0, in: &reserved) : $0 }

        writtenContextKey = settings.contextKey.map { claim($0, in: &reserved) }
        droppedFieldsKey = append(key(claim("logbook.dropped_fields", in: &reserved)))
        let reservedKeys = KeySet(reserved)
        self.reserved = reservedKeys
        let traceKeys = TraceKeys(settings.traceKeys.mappings.filter { !reservedKeys.contains($0.key) })
        settings.traceKeys = traceKeys
        let renamedKeys = reserved.map { reservedKeys.renamed($0) { _ in false } }
        renamedMembers = (reservedKeys.renamesMayCollide ? [] : renamedKeys).map { append(key($0)).range }
        self.headerKeys = headerKeys
        let taken = renamedKeys + traceKeys.mappings.map { $0.key }
        var special = traceKeys.mappings.isEmpty ? [] : TraceKeys.fieldNames
        // Once each, by bytes: `==` would also merge canonically equivalent spellings, which
        // fields tell apart.
        for key in reserved + taken where !special.contains(where: { $0.utf8.elementsEqual(key.utf8) }) {
            special.append(key)
        }
        specialKeys = KeySet(special)
        specialRoles = special.map { key in
            SpecialKey(
                traceMapping: traceKeys.mappings.firstIndex { $0.field == key },
                reserved: reserved.firstIndex(of: key), isTaken: taken.contains(key))
        }
        // The shortest line holds the formatter's own keys: very long ones raise the cap.
        var ownBytes = ownKeyBytes + error.open.range.count + error.second.range.count
        ownBytes += LogLevel.allCases.map { given.levelNames[$0].utf8.count }.max() ?? 0
        if includesSourceLocation {
            ownBytes += source.open.range.count + source.second.range.count + source.third.range.count
        }
        ownBytes += promoted.reduce(0) { $0 + $1.key.count + Self.cappedTextLength }
        ownBytes += (writtenContextKey?.utf8.count ?? 0) + droppedFieldsKey.range.count - 4  // the name, without `,"":`
        settings.lineLimit = max(given.lineLimit, Self.minimumLineLimit, ownBytes + Self.lineLimitMargin)
        self.settings = settings
        promotedKeys = KeySet(settings.promotedFields.map(\.key))
    }

    /// Appends `bytes` of ``headerKeys``: two stores when they are small.
    @inline(__always)
    func append(_ bytes: Bytes, into buffer: inout LogBuffer) {
        if let small = bytes.small {
            buffer.appendSmall(small)
        } else {
            headerKeys.withUnsafeBytes { buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[bytes.range])) }
        }
    }

    static let minimumLineLimit = 1024
    /// Room beyond the own keys: timestamp, shortest texts, markers, dropped count.
    static let lineLimitMargin = 512
    /// Each text's limit in the header-only line.
    static let minimalTextLimit = 32
    /// A text cut to ``minimalTextLimit`` with its quotes and marker.
    static let cappedTextLength = minimalTextLimit + 32
}
