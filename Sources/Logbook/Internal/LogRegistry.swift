/// The one place that holds a hierarchy's mutable state: the nodes by name, each node's
/// configuration, the last resort and whether bootstrap happened.
///
/// Every change goes through ``state``'s lock and ends by recomputing the effective
/// level, gate and dispatch plan of every node it affects, so the logging path only
/// ever reads a node's precomputed gate and plan.
final class LogRegistry: Sendable {
    struct NodeConfiguration {
        var level: LogLevel?
        var propagates = true
        var sinks: [any LogSink] = []
        var filters: [LogFilter] = []
        var children: [LogNode] = []
        /// Derived: the nearest set level up the tree.
        var effectiveLevel: LogLevel = .info
        /// Derived: own sinks, then the parent's chain when propagating; each sink once.
        var chain: [DispatchPlan.Slot] = []
    }

    struct State {
        var nodes: [String: LogNode] = [:]
        var configurations: [ObjectIdentifier: NodeConfiguration] = [:]
        var lastResort: (any LogSink)? = StandardErrorLastResort.shared
        /// The field providers bootstrap registered; every plan holds them.
        var fieldProviders: [LogFieldProvider] = []
        /// Where bootstrap was first called (`file:line`), once it has been.
        var bootstrapCallSite: String?
        /// How many test captures (``LogTap``) are open at each level, by raw value.
        var openCaptures = [Int](repeating: 0, count: Int(LogNode.closedGate))

        /// The lowest level an open capture receives, as a gate value.
        var captureGate: UInt8? {
            openCaptures.firstIndex { $0 > 0 }.map(UInt8.init)
        }
    }

    static let defaultRootLevel = LogLevel.info

    let state = LockedState(State())

    /// Creates the root node of a new hierarchy.
    func makeRoot() -> LogNode {
        state.withLock { state in
            let root = LogNode(
                name: LoggerName.root, parent: nil, registry: self,
                plan: .empty, gate: LogNode.closedGate)
            state.nodes[""] = root
            state.configurations[ObjectIdentifier(root)] = NodeConfiguration()
            refresh(root, in: &state)
            return root
        }
    }

    /// The node for a normalized name (`""` is the root), created with its missing
    /// ancestors on first use.
    func node(named name: String) -> LogNode {
        state.withLock { state in node(named: name, in: &state) }
    }

    func node(named name: String, in state: inout State) -> LogNode {
        if let existing = state.nodes[name] { return existing }
        // The root's own name addresses the root: `root` is the root, `root.a` is `a`.
        var name = Substring(name)
        while name == LoggerName.root || name.hasPrefix(LoggerName.root + ".") {
            name = name.dropFirst(min(name.count, LoggerName.root.count + 1))
        }
        if name.isEmpty { return state.nodes[""]! }
        let resolved = String(name)
        if let existing = state.nodes[resolved] { return existing }
        var parent = state.nodes[""]!
        for ancestorName in LoggerName.lineage(of: resolved) {
            if let existing = state.nodes[ancestorName] {
                parent = existing
                continue
            }
            let child = LogNode(
                name: ancestorName, parent: parent, registry: self,
                plan: .empty, gate: LogNode.closedGate)
            state.nodes[ancestorName] = child
            state.configurations[ObjectIdentifier(child)] = NodeConfiguration()
            state.configurations[ObjectIdentifier(parent)]!.children.append(child)
            refresh(child, in: &state)
            parent = child
        }
        return parent
    }

    /// Reads one node's configuration.
    func configuration<Value>(of node: LogNode, _ read: (NodeConfiguration) -> Value) -> Value {
        state.withLock { read($0.configurations[ObjectIdentifier(node)]!) }
    }

    /// Changes one node's configuration and recomputes it and its descendants.
    func update(_ node: LogNode, _ change: (inout NodeConfiguration) -> Void) {
        state.withLock { state in
            change(&state.configurations[ObjectIdentifier(node)]!)
            refresh(node, in: &state)
        }
    }

    /// Recomputes the derived configuration, plan and gate of `node` and its subtree
    /// from its parent's derived configuration.
    func refresh(_ node: LogNode, in state: inout State) {
        // Parents before children, with an explicit stack: a name may have thousands of
        // segments, and recursing once per level could overflow a thread's stack.
        var pending = [node]
        while let next = pending.popLast() {
            refreshOne(next, in: &state)
            pending.append(contentsOf: state.configurations[ObjectIdentifier(next)]!.children)
        }
    }

    private func refreshOne(_ node: LogNode, in state: inout State) {
        let id = ObjectIdentifier(node)
        var configuration = state.configurations[id]!
        let inherited = node.parent.map { state.configurations[ObjectIdentifier($0)]! }
        configuration.effectiveLevel = configuration.level ?? inherited?.effectiveLevel ?? Self.defaultRootLevel
        var chain = configuration.sinks.map(DispatchPlan.Slot.init)
        if configuration.propagates, let inherited {
            for slot in inherited.chain where !chain.contains(where: { $0.sink === slot.sink }) {
                chain.append(slot)
            }
        }
        configuration.chain = chain
        state.configurations[id] = configuration

        let plan = DispatchPlan(
            originFilters: configuration.filters, slots: chain, lastResort: state.lastResort,
            effectiveLevel: configuration.effectiveLevel, fieldProviders: state.fieldProviders)
        // While a test capture is open, records it wants must be created even when no
        // sink would take them; the plan's threshold still keeps them from the sinks.
        let gate = min(plan.threshold, state.captureGate ?? LogNode.closedGate)
        node.install(plan, gate: gate)
    }

    /// Changes state that affects every node, then recomputes the whole tree.
    func updateAll(_ change: (inout State) -> Void) {
        state.withLock { state in
            change(&state)
            refresh(state.nodes[""]!, in: &state)
        }
    }

    /// Returns every node to its initial configuration and forgets bootstrap. Existing
    /// handles stay valid.
    func reset() {
        state.withLock { state in
            for (id, configuration) in state.configurations {
                state.configurations[id] = NodeConfiguration(children: configuration.children)
            }
            state.lastResort = StandardErrorLastResort.shared
            state.fieldProviders = []
            state.bootstrapCallSite = nil
            refresh(state.nodes[""]!, in: &state)
        }
    }
}
