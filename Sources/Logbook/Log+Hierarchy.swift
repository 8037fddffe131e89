extension Log {
    /// The logger's own level, or `nil` to inherit its parent's. Setting it takes effect
    /// immediately, from any thread, for this logger and every descendant that does not set its
    /// own; records they propagate are not re-filtered by it (<doc:HierarchyAndLevels>).
    public var level: LogLevel? {
        get { node.hierarchy.configuration(of: node) { $0.level } }
        nonmutating set { node.hierarchy.update(node) { $0.level = newValue } }
    }

    /// The level that applies: its own, else the nearest ancestor's, else the root's (``LogLevel/info`` by default).
    public var effectiveLevel: LogLevel {
        node.hierarchy.configuration(of: node) { $0.effectiveLevel }
    }

    /// The logger's own ``LogSampling`` policy, or `nil` to inherit its parent's. Setting it takes
    /// effect immediately, from any thread; each logger inheriting it samples its own records.
    /// Turning sampling off (``LogSampling/off``, or `nil` with nothing to inherit) writes the
    /// summaries of dropped records not yet reported at once.
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

    /// Whether records of this logger and its descendants go on to the parent's sinks; `true` by default.
    public var propagates: Bool {
        get { node.hierarchy.configuration(of: node) { $0.propagates } }
        nonmutating set { node.hierarchy.update(node) { $0.propagates = newValue } }
    }

    /// The lowest level ``isEnabled(_:)`` accepts, or `nil`: two atomic loads (more under an override).
    package var lowestEnabledLevel: LogLevel? { node.lowestDeliveredLevel }

    /// The sinks attached to this logger itself (not its ancestors').
    public var sinks: [any LogSink] {
        node.hierarchy.configuration(of: node) { $0.sinks }
    }

    /// Attaches `sink` for the records of this logger and its propagating descendants (each once,
    /// however often attached on the way up). Libraries should not: output is the application's job.
    public func addSink(_ sink: any LogSink) {
        node.hierarchy.update(node) { configuration in
            if !configuration.sinks.contains(where: { $0 === sink }) { configuration.sinks.append(sink) }
        }
    }

    /// Detaches `sink` from this logger, if attached: records created after this call returns no
    /// longer reach it. Each thread keeps a reference to the configurations it logged through until
    /// it next logs or exits, so the sink is deinitialized only then; call its ``LogSink/flush()``
    /// or ``LogSink/shutdown(timeout:)`` after removing it to finish its work at a known point.
    public func removeSink(_ sink: any LogSink) {
        node.hierarchy.update(node) { $0.sinks.removeAll { $0 === sink } }
    }

    /// Detaches every sink from this logger; they are deinitialized as ``removeSink(_:)`` says.
    public func removeAllSinks() {
        node.hierarchy.update(node) { $0.sinks.removeAll() }
    }

    /// Where records go that find no sink on their way up (<doc:HierarchyAndLevels>), and records
    /// a sink or formatter logs while handling one. The default writes ``LogLevel/warning`` and
    /// above to standard error (the first time after a line saying why) and drops the rest. Set
    /// `nil` to drop them all, or a sink, whose ``LogSink/level`` decides which levels it takes.
    public static var lastResort: (any LogSink)? {
        get { LogHierarchy.shared.lastResort }
        set { LogHierarchy.shared.lastResort = newValue }
    }

    /// The filters checked for every record this logger creates, not for those of descendants.
    public var filters: [LogFilter] {
        node.hierarchy.configuration(of: node) { $0.filters }
    }

    /// Adds a filter; records of this logger it rejects go nowhere.
    public func addFilter(_ filter: LogFilter) {
        node.hierarchy.update(node) { $0.filters.append(filter) }
    }

    /// Removes every filter from this logger.
    public func removeAllFilters() {
        node.hierarchy.update(node) { $0.filters.removeAll() }
    }

    /// The parent logger, or `nil` for the root.
    public var parent: Log? {
        node.parent.map(node.hierarchy.handle)
    }

    package var isRoot: Bool { node.parent == nil }

    /// The logger `name` below this one: `Log("payments").child("gateway")` is `Log("payments.gateway")`.
    public func child(_ name: String) -> Log {
        node.hierarchy.logger(node.name + "." + name)
    }
}
