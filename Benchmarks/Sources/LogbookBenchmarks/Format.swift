/// Number formatting without Foundation.
enum Format {
    /// `value` rounded to `digits` decimals, e.g. `fixed(3.14159, 2) == "3.14"`.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded()
        let magnitude = UInt64(abs(rounded))
        let divisor = UInt64(scale)
        var text = String(magnitude / divisor)
        if digits > 0 {
            var fraction = String(magnitude % divisor)
            while fraction.count < digits { fraction = "0" + fraction }
            text += "." + fraction
        }
        return rounded < 0 ? "-" + text : text
    }

    static func ratio(_ value: Double) -> String {
        fixed(value, 2) + "x"
    }

    /// Nanoseconds with precision that suits their size.
    static func nanoseconds(_ value: Double) -> String {
        if value < 10 { return fixed(value, 2) }
        if value < 100 { return fixed(value, 1) }
        return fixed(value, 0)
    }

    static func allocations(_ value: Double) -> String {
        value < 0.005 ? "0" : fixed(value, 2)
    }

    /// A rate such as `1.93 M/s` or `412 k/s`.
    static func rate(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return fixed(perSecond / 1e6, 2) + " M/s" }
        return fixed(perSecond / 1e3, 0) + " k/s"
    }
}
