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
        Self.withUTF8(of: text) { utf8 in
            appendEscaping(utf8, delimiters: (0, 0, 0)) { buffer, index, length in
                let byte = utf8[index]
                let isLineBreak = byte == 0x0A || (byte == 0x0D && index + 1 < utf8.count && utf8[index + 1] == 0x0A)
                if byte == 0x09 && !replacingTabs {
                    buffer.append(byte)  // the runtime's own separator, kept
                    return 1
                }
                if isLineBreak || byte == 0x09 {
                    buffer.append(replacingTabs ? UInt8(ascii: " ") : 0x0D)
                    return byte == 0x0D ? 2 : 1
                }
                buffer.appendTextEscape(ObeyedCharacters.scalar(in: utf8, at: index, length: length))
                return length
            }
        }
    }
}
