extension JSONFormatter {
    /// Writes the record's fields, as ``writeObject(_:into:start:limits:fieldBudget:)``
    /// does, with the trace context fields under the keys of the formatter's ``TraceKeys``.
    @inline(never)
    func writeFieldsMappingTraceKeys(
        _ fields: FieldList,
        record: LogRecord,
        into buffer: inout LogBuffer,
        start: Int,
        budget: Int?,
        dropped: inout Int,
        renamed: inout [String]
    ) {
        let hasPromoted = !layout.promoted.isEmpty
        for index in 0..<fields.count {
            let field = fields[index]
            if hasPromoted && layout.isPromoted(field.key.pointee) { continue }
            if writeTraceMember(
                field.key.pointee, field.value.pointee, record: record, into: &buffer, start: start, budget: budget,
                dropped: &dropped)
            {
                continue
            }
            writeMember(
                field.key, field.value, record: record, into: &buffer, start: start, budget: budget,
                dropped: &dropped, renamed: &renamed)
        }
    }

    /// Writes a trace context field under the key the formatter's ``TraceKeys`` give it,
    /// converted. Returns `false`, writing nothing, when the field is not one the keys map,
    /// its value does not convert, or the record or a static field already has the target
    /// key: then it is written as any other field.
    func writeTraceMember(
        _ key: String,
        _ value: any LogValueConvertible,
        record: LogRecord,
        into buffer: inout LogBuffer,
        start: Int,
        budget: Int?,
        dropped: inout Int
    ) -> Bool {
        guard let mapping = layout.traceKeys.mapping(for: key),
            let converted = layout.traceKeys.converted(value.logValue, by: mapping),
            record.field(mapping.key) == nil, staticFields[mapping.key] == nil, !layout.isReserved(mapping.key)
        else { return false }
        let before = buffer.count
        buffer.append(UInt8(ascii: ","))
        buffer.appendJSONString(mapping.key)
        buffer.append(UInt8(ascii: ":"))
        writeValue(converted, depth: 1, into: &buffer)
        if let budget, buffer.count - start > budget {
            buffer.truncate(to: before)
            dropped += 1
        }
        return true
    }
}

extension JSONFormatter {
    /// This formatter writing the trace context fields as `traceKeys` says.
    func writingTraceContext(as traceKeys: TraceKeys) -> JSONFormatter {
        JSONFormatter(
            keys: keys, headerOrder: headerOrder, levelNames: levelNames, errorLayout: errorLayout,
            staticFields: staticFields, contextKey: contextKey, includesSourceLocation: includesSourceLocation,
            sourceLocationLayout: sourceLocationLayout, lineLimit: lineLimit, maximumDepth: maximumDepth,
            promotedFields: layout.promoted, writesStackTraceAsArray: writesStackTraceAsArray, traceKeys: traceKeys)
    }
}
