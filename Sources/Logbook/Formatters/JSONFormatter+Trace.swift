extension JSONFormatter {
    /// Writes a trace context field under the key the formatter's ``TraceKeys`` give it,
    /// converted. Returns `false`, writing nothing, when the field is not one the keys map,
    /// its value does not convert, or the line already has the target key (in `fields`):
    /// then it is written as any other field.
    func writeTraceMember(
        _ field: FieldList.Entry, fields: FieldList, into buffer: inout LogBuffer, start: Int, budget: Int?,
        dropped: inout Int
    ) -> Bool {
        guard let mapping = layout.settings.traceKeys.mapping(for: field.key),
            fields.firstIndex(of: mapping.key) == nil, !layout.reserved.contains(mapping.key)
        else { return false }
        let before = buffer.count
        buffer.append(UInt8(ascii: ","))
        buffer.appendJSONString(mapping.key)
        buffer.append(UInt8(ascii: ":"))
        guard layout.settings.traceKeys.appendJSON(field.value.pointee.logValue, by: mapping, into: &buffer) else {
            buffer.truncate(to: before)
            return false
        }
        if let budget, buffer.count - start > budget {
            buffer.truncate(to: before)
            dropped += 1
        }
        return true
    }
}
