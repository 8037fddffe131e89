extension LogBuffer {
    /// Appends `text` for one tab-separated field of Lambda's text format: each line feed
    /// becomes a carriage return, as Lambda's runtimes write multi-line output, so the
    /// line stays one CloudWatch event. With `replacingTabs`, tabs and carriage returns
    /// also become spaces, so the text cannot shift the fields after it.
    mutating func appendLambdaTextField(_ text: String, replacingTabs: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                let replacement: UInt8
                switch byte {
                case 0x0A: replacement = replacingTabs ? UInt8(ascii: " ") : 0x0D
                case 0x09 where replacingTabs, 0x0D where replacingTabs: replacement = UInt8(ascii: " ")
                default: continue
                }
                append(contentsOf: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart..<index])))
                append(replacement)
                runStart = index + 1
            }
            append(contentsOf: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart...])))
        }
    }
}
