/// Where a line starts, the most it may take with its fields (`nil`: no cap), and how many
/// fields were left out for it (JSON and syslog lines).
struct FieldBudget {
    let start: Int
    let limit: Int?
    var dropped = 0

    /// Takes back what was written from `before` on, counting it, when the line is over the limit.
    @inline(__always)
    mutating func drop(from before: Int, in buffer: inout LogBuffer) {
        if let limit, buffer.count - start > limit {
            buffer.truncate(to: before)
            dropped += 1
        }
    }
}
