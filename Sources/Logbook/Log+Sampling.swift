extension Log {
    /// The logger's own sampling policy, or `nil` to inherit its parent's; see
    /// ``LogSampling``. ``LogSampling/off`` exempts this logger and the descendants that
    /// inherit from it from an ancestor's sampling.
    ///
    /// Setting it takes effect immediately, from any thread. Counts are kept per logger
    /// and call site, so each descendant that inherits the policy samples its own records.
    /// Turning sampling off for loggers that had it (`.off`, or `nil` with no ancestor's
    /// policy to inherit) writes the summaries of their dropped records not yet reported
    /// at once: no later record of theirs would.
    ///
    /// ```swift
    /// Log("payments").sampling = try LogSampling(first: 10, thenEvery: 100, per: .seconds(1))
    /// ```
    public var sampling: LogSampling? {
        get { node.hierarchy.configuration(of: node) { $0.sampling } }
        nonmutating set {
            node.hierarchy.update(node) { $0.sampling = newValue }
            if newValue?.isOff ?? true { node.hierarchy.reportIdleSamplers(under: node) }
        }
    }

    /// The sampling policy that applies to this logger: its own, else the nearest
    /// ancestor's; `nil` when none is set.
    public var effectiveSampling: LogSampling? {
        node.hierarchy.configuration(of: node) { $0.effectiveSampling }
    }
}
