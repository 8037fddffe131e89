extension JSONFormatter {
    /// Writes the object, the message cut to `messageLimit` escaped bytes and the other texts
    /// (the logger name, the error's texts, promoted values, the call site) to `textLimit`,
    /// which when capped (not `.max`) also leaves the stack trace out; fields that would push
    /// the line past `fieldBudget` are left out.
    func writeObject(
        _ record: LogRecord, into buffer: inout LogBuffer, messageLimit: Int = .max, textLimit: Int = .max,
        fieldBudget: Int? = nil
    ) {
        let start = buffer.count
        buffer.append(UInt8(ascii: "{"))
        for slot in layout.header {
            layout.append(slot.key, into: &buffer)
            switch slot.member {
            case .timestamp:
                buffer.append(UInt8(ascii: "\""))
                buffer.appendRFC3339(record.timestamp, fractionDigits: 3)
                buffer.append(UInt8(ascii: "\""))
            case .level:
                layout.append(layout.levelValues[Int(record.level.rawValue)], into: &buffer)
            case .logger:
                buffer.appendJSONString(record.logger, limit: textLimit)
            case .message:
                buffer.appendJSONString(record.message, limit: messageLimit)
            }
        }
        var budget = FieldBudget(start: start, limit: fieldBudget)
        if let error = record.error {
            writeError(error, limit: textLimit, into: &buffer, dropped: &budget.dropped)
        }
        record.withFieldList(
            includingContext: contextKey == nil, staticFields: layout.settings.staticFields.entries
        ) { fields in
            let hasPromoted =
                !layout.promoted.isEmpty
                && (0..<fields.count).contains { layout.promotedKeys.contains(at: fields[$0].key) }
            if !layout.promoted.isEmpty {
                layout.headerKeys.withUnsafeBytes { keys in
                    for slot in layout.promoted {
                        writePromoted(
                            slot, keys: keys, fields: fields, searching: hasPromoted, limit: textLimit, into: &buffer,
                            dropped: &budget.dropped)
                    }
                }
            }
            // Renamed and trace keys are given assuming no field has them (see
            // ``JSONLayout/SpecialKey``); a line where one does is written again, searched.
            var pass = KeyPass(searching: hasPromoted)
            let fieldsStart = buffer.count
            let droppedBefore = budget.dropped
            while true {
                for index in 0..<fields.count {
                    let field = fields[index]
                    if hasPromoted && layout.promotedKeys.contains(at: field.key) { continue }
                    let key = field.key
                    let before = buffer.count
                    if let small = SmallString(at: key), !small.needsJSONEscaping,
                        !layout.specialKeys.contains(small, at: key)
                    {
                        // `,"key":`
                        buffer.appendSmall(small, prefix: 0x222C, prefixCount: 2, suffix: 0x3A22, suffixCount: 2)
                    } else if writeKey(
                        of: field, at: index, fields: fields, record: record, pass: &pass, into: &buffer,
                        budget: &budget)
                    {
                        continue
                    }
                    writeFieldValue(field.value, into: &buffer)
                    budget.drop(from: before, in: &buffer)
                }
                guard pass.assumed && pass.taken && !pass.searching else { break }
                buffer.truncate(to: fieldsStart)
                budget.dropped = droppedBefore
                pass = KeyPass(searching: true)
            }
        }
        if let contextKey = layout.writtenContextKey {
            writeContextObject(record, under: contextKey, into: &buffer, budget: &budget)
        }
        if includesSourceLocation {
            writeSource(record, limit: textLimit, into: &buffer)
        }
        if budget.dropped > 0 {
            layout.append(layout.droppedFieldsKey, into: &buffer)
            buffer.appendDecimal(budget.dropped)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    private func writeContextObject(
        _ record: LogRecord, under contextKey: String, into buffer: inout LogBuffer, budget: inout FieldBudget
    ) {
        let before = buffer.count
        buffer.append(UInt8(ascii: ","))
        buffer.appendJSONString(contextKey)
        buffer.append(word: 0x7B3A, count: 2)  // `:{`
        let open = buffer.count
        record.withFieldList(includingFields: false) { fields in
            for index in 0..<fields.count where !layout.promotedKeys.contains(at: fields[index].key) {
                if buffer.count > open { buffer.append(UInt8(ascii: ",")) }
                buffer.appendJSONString(at: fields[index].key)
                buffer.append(UInt8(ascii: ":"))
                writeFieldValue(fields[index].value, into: &buffer)
            }
        }
        // No context field: no object.
        guard buffer.count > open else { return buffer.truncate(to: before) }
        buffer.append(UInt8(ascii: "}"))
        budget.drop(from: before, in: &buffer)
    }

    /// Writes `slot`'s field (`keys`: ``JSONLayout/headerKeys``), or its absent bytes.
    /// Without `searching`, no field has it.
    private func writePromoted(
        _ slot: JSONLayout.PromotedSlot, keys: UnsafeRawBufferPointer, fields: FieldList, searching: Bool,
        limit: Int, into buffer: inout LogBuffer, dropped: inout Int
    ) {
        guard searching, let index = fields.firstIndex(of: layout.settings.promotedFields[slot.field].key) else {
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: keys[slot.absent]))
            return
        }
        let before = buffer.count
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: keys[slot.key]))
        guard limit != .max else { return writeFieldValue(fields[index].value, into: &buffer) }
        // Read once: a computed value read again may differ, and costs again; what is measured
        // is what is written.
        let value = LogValue.written(fields[index].value)
        if case .string(let text) = value {
            buffer.appendJSONString(text, limit: limit)
            return
        }
        writeValue(value, depth: 1, into: &buffer)
        // Any other value cannot be cut: over the limit, it is left out and counted.
        if buffer.count - before - slot.key.count > limit {
            buffer.truncate(to: before)
            dropped += 1
        }
    }

    /// What one pass over a line's fields assumed about its keys.
    private struct KeyPass {
        /// Whether fields are searched for the keys renamed and trace fields take, rather
        /// than assumed absent; `assumed`: a key was given on that assumption; `taken`: a
        /// field has one of the keys renamed members and trace keys write, which breaks it.
        let searching: Bool
        var assumed = false
        var taken = false
        /// Keys given to renamed fields, kept if they can collide (``KeySet/renamesMayCollide``);
        /// `nil` until then, so a line without any releases no array.
        var renamed: [String]?
    }

    /// Writes the key of a field whose key is not plain and short: a reserved key renamed,
    /// any other escaped. A record's trace field that converts, and whose target key the
    /// line lacks (checked when `pass.searching`), is written whole under its backend's key:
    /// then returns `true` (the member dropped past `budget`).
    @inline(never)
    private func writeKey(
        of field: FieldList.Entry, at index: Int, fields: FieldList, record: LogRecord, pass: inout KeyPass,
        into buffer: inout LogBuffer, budget: inout FieldBudget
    ) -> Bool {
        let key = field.key
        let before = buffer.count
        // One look-up answers every question below.
        let role = layout.specialKeys.index(at: key).map { layout.specialRoles[$0] }
        if role?.isTaken == true { pass.taken = true }
        if index >= fields.staticCount, let mapping = role?.traceMapping,
            !pass.searching || fields.firstIndex(of: layout.settings.traceKeys.mappings[mapping].key) == nil,
            layout.settings.traceKeys.appendJSON(field.value, mapping: mapping, into: &buffer)
        {
            pass.assumed = true
            budget.drop(from: before, in: &buffer)
            return true
        }
        let reservedIndex = role?.reserved
        if let reservedIndex, !pass.searching && contextKey == nil && !layout.renamedMembers.isEmpty {
            pass.assumed = true
            let member = layout.renamedMembers[reservedIndex]
            layout.headerKeys.withUnsafeBytes {
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[member]))
            }
            return false
        }
        buffer.append(UInt8(ascii: ","))
        if reservedIndex != nil {
            let name = layout.reserved.renamed(key.pointee) { candidate in
                fields.firstIndex(of: candidate) != nil || pass.renamed?.contains(candidate) == true
                    || (contextKey != nil && record.field(candidate) != nil)
            }
            // Appended in place: rebuilding the array for each name made many renames quadratic.
            if layout.reserved.renamesMayCollide, pass.renamed?.append(name) == nil { pass.renamed = [name] }
            buffer.appendJSONString(name)
        } else {
            buffer.appendJSONString(at: key)
        }
        buffer.append(UInt8(ascii: ":"))
        return false
    }

    /// Writes a field's value, common scalars read in place.
    @inline(__always)
    private func writeFieldValue(_ value: UnsafePointer<any LogValueConvertible>, into buffer: inout LogBuffer) {
        switch FieldScalar(value) {
        case .string(let string): buffer.appendJSONString(at: string)
        case .int(let int): buffer.appendDecimal(int)
        case .bool(let bool): buffer.appendBool(bool)
        case .double(let double): buffer.appendJSONNumber(double)
        case nil: writeValue(.written(value), depth: 1, into: &buffer)
        }
    }

    func writeValue(_ value: LogValue, depth: Int, into buffer: inout LogBuffer) {
        switch value {
        case .string(let string): buffer.appendJSONString(string)
        case .int(let int): buffer.appendDecimal(int)
        case .double(let double): buffer.appendJSONNumber(double)
        case .bool(let bool): buffer.appendBool(bool)
        case .null: buffer.append("null")
        case .array where depth >= maximumDepth, .object where depth >= maximumDepth: buffer.append("\"[too deep]\"")
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                writeValue(element, depth: depth + 1, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let fields):
            buffer.append(UInt8(ascii: "{"))
            for (index, entry) in fields.deduplicated().storage.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.appendJSONString(entry.0)
                buffer.append(UInt8(ascii: ":"))
                writeValue(entry.1.logValue, depth: depth + 1, into: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    private func writeError(
        _ error: any Error,
        limit: Int,
        into buffer: inout LogBuffer,
        dropped: inout Int
    ) {
        layout.append(layout.error.open, into: &buffer)
        buffer.appendJSONString(String(reflecting: type(of: error)), limit: limit)
        layout.append(layout.error.second, into: &buffer)
        buffer.appendJSONString(String(describing: error), limit: limit)
        let stackTrace = (error as? any StackTraceProviding)?.stackTrace
        if stackTrace != nil && limit != .max {
            dropped += 1
        } else if let stackTrace {
            layout.append(layout.error.third, into: &buffer)
            if layout.settings.writesStackTraceAsArray {
                // Depth 0: the array is never too deep (`maximumDepth` is at least 1).
                writeValue(.array(stackTrace.map(LogValue.string)), depth: 0, into: &buffer)
            } else {
                buffer.appendJSONString(stackTrace.joined(separator: "\n"))
            }
        }
        layout.append(layout.error.close, into: &buffer)
    }

    /// Writes the call site, each text cut to `limit` bytes.
    func writeSource(_ record: LogRecord, limit: Int, into buffer: inout LogBuffer) {
        layout.append(layout.source.open, into: &buffer)
        buffer.appendJSONString(record.file, limit: limit)
        layout.append(layout.source.second, into: &buffer)
        buffer.appendJSONString(record.function, limit: limit)
        layout.append(layout.source.third, into: &buffer)
        buffer.appendDecimal(Int(clamping: record.line))
        layout.append(layout.source.close, into: &buffer)
    }
}
