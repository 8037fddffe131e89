/// A tree of loggers and all of its configuration. ``shared`` is the process-wide one;
/// tests create private hierarchies so they can run in parallel.
///
/// Every change goes through ``state``'s lock and recomputes the effective level, gate
/// and dispatch plan of every node it affects, so the logging path only reads those.
package final class LogHierarchy: Sendable {
    struct NodeConfiguration {
        var level: LogLevel?
        var propagates = true
        var sinks: [any LogSink] = []
        var filters: [LogFilter] = []
        /// `nil` inherits.
        var sampling: LogSampling?
        var children: [LogNode] = []
        /// Derived from the parent by ``refresh(_:in:)``: the nearest set level and sampling,
        /// and the own sinks followed by the parent's chain when propagating, each sink once.
        var effectiveLevel: LogLevel = .info
        var chain: [DispatchPlan.Slot] = []
        var effectiveSampling: LogSampling?
        /// Created the first time the node samples, then kept (with its counts) for life.
        var sampler: LogSampler?
    }

    struct State {
        var nodes: [String: LogNode] = [:]
        var configurations: [ObjectIdentifier: NodeConfiguration] = [:]
        var lastResort: (any LogSink)? = StandardErrorLastResort.shared
        var fieldProviders: [LogFieldProvider] = []
        /// `file:line` of the first bootstrap.
        var bootstrapCallSite: String?
    }

    package static let shared = LogHierarchy()

    let state = LockedState(State())
    /// Set once, as the hierarchy is created.
    private(set) nonisolated(unsafe) var rootNode: LogNode!

    /// A root at ``LogLevel/info`` with no sinks. It lives as long as the process (its
    /// nodes reference it): create few.
    package init() {
        rootNode = LogNode(name: LoggerName.root, parent: nil, hierarchy: self)
        state.withLock { add(rootNode, as: "", in: &$0) }
        LevelOverride.register(self)
    }

    package var root: Log { Log(node: rootNode, boundFields: LogFields()) }

    /// The logger for `name`, normalized like ``Log/init(_:)``.
    package func logger(_ name: String) -> Log {
        Log(node: node(named: LoggerName.normalize(name)), boundFields: LogFields())
    }

    /// See ``Log/lastResort``.
    package var lastResort: (any LogSink)? {
        get { state.withLock { $0.lastResort } }
        set {
            _ = state.withLock { state in
                state.lastResort = newValue
                return refresh(rootNode, in: &state)  // released after the lock
            }
        }
    }

    /// The node for a normalized name (`""` and `root` are the root), created with its
    /// missing ancestors on first use.
    func node(named name: String) -> LogNode {
        state.withLock { state in node(named: name, in: &state) }
    }

    func node(named name: String, in state: inout State) -> LogNode {
        if let existing = state.nodes[name] { return existing }
        var parent: LogNode = rootNode
        for ancestorName in LoggerName.addressed(by: name).map(LoggerName.lineage) ?? [] {
            if let existing = state.nodes[ancestorName] {
                parent = existing
                continue
            }
            let child = LogNode(name: ancestorName, parent: parent, hierarchy: self)
            state.configurations[ObjectIdentifier(parent)]!.children.append(child)
            add(child, as: ancestorName, in: &state)
            parent = child
        }
        return parent
    }

    private func add(_ node: LogNode, as name: String, in state: inout State) {
        state.nodes[name] = node
        state.configurations[ObjectIdentifier(node)] = NodeConfiguration()
        _ = refresh(node, in: &state)  // a new node's plan was the shared empty one
    }

    func configuration<Value>(of node: LogNode, _ read: (NodeConfiguration) -> Value) -> Value {
        state.withLock { read($0.configurations[ObjectIdentifier(node)]!) }
    }

    /// Changes one node's configuration and recomputes it and its descendants.
    func update(_ node: LogNode, _ change: (inout NodeConfiguration) -> Void) {
        _ = state.withLock { state in
            change(&state.configurations[ObjectIdentifier(node)]!)
            return refresh(node, in: &state)
        }
    }

    /// Recomputes the derived configuration, plan and gate of `node` and its subtree.
    /// Returns the plans replaced, to be released after the lock: the last one holding a
    /// sink runs its `deinit`, which may log.
    func refresh(_ node: LogNode, in state: inout State) -> [DispatchPlan] {
        subtree(of: node, in: state).map { refreshOne($0, in: &state) }
    }

    /// `node` and its descendants, each after its parent. With an explicit stack: recursing
    /// once per segment of a name of thousands could overflow a thread's stack.
    func subtree(of node: LogNode, in state: State) -> [LogNode] {
        var nodes: [LogNode] = []
        var pending = [node]
        while let next = pending.popLast() {
            nodes.append(next)
            pending.append(contentsOf: state.configurations[ObjectIdentifier(next)]!.children)
        }
        return nodes
    }

    private func refreshOne(_ node: LogNode, in state: inout State) -> DispatchPlan {
        let id = ObjectIdentifier(node)
        var configuration = state.configurations[id]!
        let inherited = node.parent.map { state.configurations[ObjectIdentifier($0)]! }
        configuration.effectiveLevel = configuration.level ?? inherited?.effectiveLevel ?? .info
        var chain = configuration.sinks.map(DispatchPlan.Slot.init)
        if configuration.propagates, let inherited {
            for slot in inherited.chain where !chain.contains(where: { $0.sink === slot.sink }) {
                chain.append(slot)
            }
        }
        configuration.chain = chain
        configuration.effectiveSampling = configuration.sampling ?? inherited?.effectiveSampling
        var sampler: LogSampler?
        if let sampling = configuration.effectiveSampling, !sampling.isOff {
            sampler = configuration.sampler ?? LogSampler(logger: node.name, policy: sampling)
            sampler!.configure(sampling)
            configuration.sampler = sampler
        }
        state.configurations[id] = configuration
        return node.install(
            DispatchPlan(
                originFilters: configuration.filters, slots: chain, lastResort: state.lastResort,
                effectiveLevel: configuration.effectiveLevel, sampler: sampler, fieldProviders: state.fieldProviders))
    }

    /// Recomputes every node's gate, after the active level overrides or test captures
    /// changed. Plans are left alone.
    func lowerGates() {
        state.withLock { state in
            for node in state.nodes.values { node.lowerGate() }
        }
    }
}
