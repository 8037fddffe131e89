extension Log {
    /// The logger's own ``LogSampling`` policy, or `nil` to inherit its parent's; ``LogSampling/off``
    /// exempts this logger and those inheriting from it from an ancestor's sampling.
    ///
    /// Setting it takes effect immediately, from any thread. Each logger inheriting the policy
    /// samples its own records. Turning sampling off (`.off`, or `nil` with nothing to inherit)
    /// writes the summaries of records dropped and not yet reported at once.
    public var sampling: LogSampling? {
        get { node.hierarchy.configuration(of: node) { $0.sampling } }
        nonmutating set {
            node.hierarchy.update(node) { $0.sampling = newValue }
            if newValue?.isOff ?? true { node.hierarchy.reportIdleSamplers(under: node) }
        }
    }

    /// The policy that applies: the logger's own, else the nearest ancestor's; `nil` when none is set.
    public var effectiveSampling: LogSampling? {
        node.hierarchy.configuration(of: node) { $0.effectiveSampling }
    }
}
