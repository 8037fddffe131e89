extension LogBuffer {
    /// Appends `text` for one tab-separated field of Lambda's text format.
    ///
    /// A line break (`\n`, or `\r\n`) becomes one carriage return, as Lambda's runtimes
    /// write multi-line output, so the line stays one CloudWatch event. Tabs are kept.
    /// Every other character of ``ObeyedCharacters`` (a lone `\r`, ESC, DEL, C1,
    /// U+2028, U+2029) is escaped as ``appendSingleLine(_:)`` escapes it. With
    /// `replacingTabs`, tabs and line breaks become spaces instead, so the text cannot
    /// shift the fields after it.
    mutating func appendLambdaTextField(_ text: String, replacingTabs: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                guard ObeyedCharacters.mayStart(byte) else {
                    index += 1
                    continue
                }
                let length = ObeyedCharacters.length(in: utf8, at: index)
                guard length > 0, byte != 0x09 || replacingTabs else {
                    index += 1
                    continue
                }
                append(contentsOf: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart..<index])))
                let isLineBreak = byte == 0x0A || (byte == 0x0D && index + 1 < utf8.count && utf8[index + 1] == 0x0A)
                if isLineBreak || (byte == 0x09 && replacingTabs) {
                    append(replacingTabs ? UInt8(ascii: " ") : 0x0D)
                    index += byte == 0x0D ? 2 : 1
                } else {
                    appendTextEscape(ObeyedCharacters.scalar(in: utf8, at: index, length: length))
                    index += length
                }
                runStart = index
            }
            append(contentsOf: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart...])))
        }
    }
}
