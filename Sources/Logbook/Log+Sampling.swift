extension Log {
    /// The logger's own ``LogSampling`` policy, or `nil` to inherit its parent's
    /// (``LogSampling/off`` exempts this subtree). Setting it takes effect immediately, from any
    /// thread; each logger inheriting it samples its own records. Turning sampling off (`.off`, or
    /// `nil` with nothing to inherit) writes the summaries of dropped records not yet reported at
    /// once.
    public var sampling: LogSampling? {
        get { node.hierarchy.configuration(of: node) { $0.sampling } }
        nonmutating set {
            node.hierarchy.update(node) { $0.sampling = newValue }
            if newValue?.isOff ?? true { node.hierarchy.writePendingSummaries(under: node, onlyIdle: true) }
        }
    }

    /// The policy that applies: the logger's own, else the nearest ancestor's, else `nil`.
    public var effectiveSampling: LogSampling? {
        node.hierarchy.configuration(of: node) { $0.effectiveSampling }
    }
}
