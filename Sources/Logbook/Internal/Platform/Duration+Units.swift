extension Duration {
    /// Whole nanoseconds, from 0 (a negative duration) to `Int64.max / 2`, so that adding
    /// it to a monotonic clock reading (see ``ConditionLock/now()``) never overflows.
    var clampedNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let whole = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let total = whole.partialValue.addingReportingOverflow(attoseconds / 1_000_000_000)
        if whole.overflow || total.overflow { return seconds < 0 ? 0 : .max / 2 }
        return min(max(0, total.partialValue), .max / 2)
    }
}
