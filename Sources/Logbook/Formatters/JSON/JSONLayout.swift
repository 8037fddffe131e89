/// A ``JSONFormatter``'s settings and the pre-encoded bytes of its keys and level names,
/// built once when the formatter is created so formatting only copies them. The
/// formatter itself holds only a reference to it: one word, cheap to copy and to store in
/// an `any LogFormatter`.
final class JSONLayout: Sendable {
    /// One header member and where its key, encoded as `"key":` (with a leading comma
    /// after the first), sits in ``headerKeys``. Trivial, so iterating costs no
    /// reference counting.
    struct HeaderSlot: Sendable {
        let member: JSONFormatter.HeaderMember
        let key: Range<Int>
    }

    /// A field written right after the error, before static and other fields, with an
    /// empty string when no field has it and `writesEmptyWhenAbsent` (internal: Lambda's
    /// `requestId`).
    struct PromotedField: Sendable {
        let key: String
        let writesEmptyWhenAbsent: Bool
    }

    /// Where the promoted field `settings.promotedFields[field]` has its `,"key":` in
    /// ``headerKeys`` and what is written when no field has it (`,"key":""` or nothing).
    /// Trivial, like ``HeaderSlot``.
    struct PromotedSlot: Sendable {
        let field: Int
        let key: Range<Int>
        let absent: Range<Int>
    }

    /// The formatter's settings, normalized (see ``JSONFormatter``'s properties).
    let settings: JSONFormatter.Settings
    /// The trace keys without those the formatter's own keys take.
    let traceKeys: TraceKeys
    /// The fields ``traceKeys`` map, in the order of its mappings: most keys are found absent by one bit.
    let traceFields: KeySet

    let header: [HeaderSlot]
    let promoted: [PromotedSlot]
    /// The encoded keys of every header member, back to back, the encoded name of every
    /// level, the promoted fields' keys (see ``PromotedSlot``), then ``renamedMembers``.
    let headerKeys: [UInt8]
    /// Where each level's encoded name sits in ``headerKeys``, by raw value.
    let levelValues: [Range<Int>]
    /// `,"error":{"type":` (nested) or `,"errorType":` (flattened).
    let errorOpen: [UInt8]
    let errorMessageKey: [UInt8]
    let stackTraceKey: [UInt8]
    /// `,"source":{"file":` (nested) or `,"file-key":` (flattened).
    let sourceOpen: [UInt8]
    let sourceFunctionKey: [UInt8]
    /// `,"line":`, with the opening quote when the line is written as a string.
    let sourceLineKey: [UInt8]
    /// The key the context object is written under: ``contextKey``, renamed when it would
    /// repeat one of the formatter's other keys.
    let writtenContextKey: String?
    /// The keys of the promoted fields, written at their own position.
    let promotedKeys: KeySet

    /// The formatter's own top-level keys, which record fields must not repeat.
    let reserved: KeySet
    /// The keys a field cannot simply be written under: the trace context field names when
    /// ``traceKeys`` map them (first: most lines have one), ``reserved`` and ``takenKeys``.
    /// Most keys are cleared by one bit.
    let specialKeys: KeySet
    /// For each key of ``reserved``, in its order, where `,"fields.key":` sits in ``headerKeys``:
    /// the member start a field with that key gets when no other member of the line has its
    /// key. Empty when renamed keys can collide (see ``KeySet/renamesMayCollide``).
    let renamedMembers: [Range<Int>]
    /// The keys ``renamedMembers`` and the trace keys write: a line with a field that has
    /// one of them is written again, its fields searched before writing either.
    let takenKeys: KeySet

    static let droppedFieldsKeyName = "logbook.dropped_fields"
    /// `,"logbook.dropped_fields":`, or `,"fields.logbook.dropped_fields":` when a
    /// configured key took that name.
    let droppedFieldsKey: [UInt8]

    static func encoded(_ text: String) -> [UInt8] {
        var buffer = LogBuffer(capacity: 64)
        buffer.appendJSONString(text)
        return buffer.bytes
    }

    init(_ given: JSONFormatter.Settings) {
        var settings = given
        // The header members in order, each once; the default order when none is given.
        settings.headerOrder = []
        for member in given.headerOrder where !settings.headerOrder.contains(member) {
            settings.headerOrder.append(member)
        }
        if settings.headerOrder.isEmpty { settings.headerOrder = JSONFormatter.defaultHeaderOrder }
        settings.staticFields = given.staticFields.deduplicated()
        settings.maximumDepth = max(given.maximumDepth, 1)
        let keys = settings.keys
        let levelNames = settings.levelNames
        let includesSourceLocation = settings.includesSourceLocation
        let sourceLocationLayout = settings.sourceLocationLayout
        let colon = UInt8(ascii: ":")
        func key(_ name: String) -> [UInt8] { [UInt8(ascii: ",")] + Self.encoded(name) + [colon] }

        // Every top-level key the formatter writes, claimed in writing order. A key that
        // repeats one claimed before it (say `message` for a flattened error's message,
        // next to the log message) is renamed, so no configuration writes a key twice: a
        // flattened error key to `<error>.<key>`, anything else to `fields.<key>`.
        var reserved: [String] = []
        func claim(_ name: String, inside taken: inout [String], fallbackPrefix: String = KeySet.renamePrefix)
            -> String
        {
            var candidate = taken.contains(name) ? fallbackPrefix + name : name
            while taken.contains(candidate) { candidate = KeySet.renamePrefix + candidate }
            taken.append(candidate)
            return candidate
        }
        var headerKeys: [UInt8] = []
        header = settings.headerOrder.map { member in
            let given =
                switch member {
                case .timestamp: keys.timestamp
                case .level: keys.level
                case .logger: keys.logger
                case .message: keys.message
                }
            let name = claim(given, inside: &reserved)
            let start = headerKeys.count
            headerKeys += start == 0 ? Self.encoded(name) + [colon] : key(name)
            return HeaderSlot(member: member, key: start..<headerKeys.count)
        }
        levelValues = LogLevel.allCases.map { level in
            let start = headerKeys.count
            headerKeys += Self.encoded(levelNames[level])
            return start..<headerKeys.count
        }
        let ownKeyBytes = headerKeys.count
        promoted = settings.promotedFields.enumerated().map { index, field in
            let start = headerKeys.count
            headerKeys += key(field.key)
            let end = headerKeys.count
            if field.writesEmptyWhenAbsent { headerKeys += Self.encoded("") }
            let absentEnd = field.writesEmptyWhenAbsent ? headerKeys.count : start
            return PromotedSlot(field: index, key: start..<end, absent: start..<absentEnd)
        }

        if settings.errorLayout == .nested {
            var inner: [String] = []
            let type = claim(keys.errorType, inside: &inner)
            errorOpen = key(claim(keys.error, inside: &reserved)) + [UInt8(ascii: "{")] + Self.encoded(type) + [colon]
            errorMessageKey = key(claim(keys.errorMessage, inside: &inner))
            stackTraceKey = key(claim(keys.stackTrace, inside: &inner))
        } else {
            let prefix = keys.error + "."
            errorOpen = key(claim(keys.errorType, inside: &reserved, fallbackPrefix: prefix))
            errorMessageKey = key(claim(keys.errorMessage, inside: &reserved, fallbackPrefix: prefix))
            stackTraceKey = key(claim(keys.stackTrace, inside: &reserved, fallbackPrefix: prefix))
        }

        let lineQuote = sourceLocationLayout.lineAsString ? [UInt8(ascii: "\"")] : []
        if sourceLocationLayout.isNested {
            let objectKey = sourceLocationLayout.objectKey ?? keys.source
            var inner: [String] = []
            let file = claim(sourceLocationLayout.file, inside: &inner)
            let object = includesSourceLocation ? claim(objectKey, inside: &reserved) : objectKey
            sourceOpen = key(object) + [UInt8(ascii: "{")] + Self.encoded(file) + [colon]
            sourceFunctionKey = key(claim(sourceLocationLayout.function, inside: &inner))
            sourceLineKey = key(claim(sourceLocationLayout.line, inside: &inner)) + lineQuote
        } else {
            func sourceKey(_ name: String) -> String {
                includesSourceLocation ? claim(name, inside: &reserved) : name
            }
            sourceOpen = key(sourceKey(sourceLocationLayout.file))
            sourceFunctionKey = key(sourceKey(sourceLocationLayout.function))
            sourceLineKey = key(sourceKey(sourceLocationLayout.line)) + lineQuote
        }

        writtenContextKey = settings.contextKey.map { claim($0, inside: &reserved) }
        droppedFieldsKey = key(claim(Self.droppedFieldsKeyName, inside: &reserved))
        let reservedKeys = KeySet(reserved)
        self.reserved = reservedKeys
        let traceKeys = TraceKeys(settings.traceKeys.mappings.filter { !reservedKeys.contains($0.key) })
        self.traceKeys = traceKeys
        traceFields = KeySet(traceKeys.mappings.map { $0.field })
        let renamedKeys = reserved.map { reservedKeys.renamed($0) { _ in false } }
        renamedMembers = (reservedKeys.renamesMayCollide ? [] : renamedKeys).map { name in
            let start = headerKeys.count
            headerKeys += key(name)
            return start..<headerKeys.count
        }
        self.headerKeys = headerKeys
        let taken = renamedKeys + traceKeys.mappings.map { $0.key }
        takenKeys = KeySet(taken)
        specialKeys = KeySet((traceKeys.mappings.isEmpty ? [] : TraceKeys.fieldNames) + reserved + taken)
        // The shortest line still holds the formatter's own keys and the longest level
        // name; very long configured keys raise the cap rather than break it.
        var ownBytes = ownKeyBytes + errorOpen.count + errorMessageKey.count
        ownBytes += LogLevel.allCases.map { levelNames[$0].utf8.count }.max() ?? 0
        if includesSourceLocation { ownBytes += sourceOpen.count + sourceFunctionKey.count + sourceLineKey.count }
        ownBytes += promoted.reduce(0) { $0 + $1.key.count + Self.cappedTextLength }
        ownBytes += (writtenContextKey?.utf8.count ?? 0) + droppedFieldsKey.count - 4  // the name, without `,"":`
        settings.lineLimit = max(given.lineLimit, JSONFormatter.minimumLineLimit, ownBytes + Self.lineLimitMargin)
        self.settings = settings
        promotedKeys = KeySet(settings.promotedFields.map(\.key))
    }

    /// Room a line needs beyond the formatter's own keys: the timestamp, the shortest
    /// forms of the texts, the truncation markers and the dropped-fields count.
    static let lineLimitMargin = 512
    /// How long each text may be in the shortest form of a line (header only).
    static let minimalTextLimit = 32
    /// The most a text cut to ``minimalTextLimit`` takes with its quotes and truncation
    /// marker.
    static let cappedTextLength = minimalTextLimit + 32
}
