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

    /// A node by its parent and its last segment: finding or creating the nodes of a name
    /// hashes each segment once, not each ancestor's whole name. The root's segment is empty.
    struct NodeKey: Hashable {
        let parent: ObjectIdentifier
        let segment: Substring
    }

    struct State {
        var nodes: [NodeKey: LogNode] = [:]
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
        rootNode = LogNode(path: Substring(LoggerName.root), parent: nil, hierarchy: self)
        state.withLock { add(rootNode, as: NodeKey(parent: ObjectIdentifier(rootNode), segment: ""), in: &$0) }
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

    /// See ``Log/bootstrap(_:file:line:)-(LogConfiguration,_,_)``.
    @discardableResult
    package func bootstrap(
        _ configuration: LogConfiguration,
        file: String = #fileID,
        line: UInt = #line
    ) throws(LogBootstrapError) -> LogSetup {
        do {
            for name in configuration.loggerLevels.keys { try LoggerName.validate(name) }
        } catch {
            throw .invalidLoggerName(error)
        }
        // Each sink once, as `addSink` attaches it: given twice, it would write each record twice.
        var sinks: [any LogSink] = []
        for sink in configuration.sinks where !sinks.contains(where: { $0 === sink }) { sinks.append(sink) }
        // The plans replaced are released as this statement ends, after the lock.
        let (firstCall, _): (String?, [DispatchPlan]) = state.withLock { state in
            if let firstCall = state.bootstrapCallSite { return (firstCall, []) }
            let rootID = ObjectIdentifier(rootNode)
            state.configurations[rootID]!.level = configuration.level
            state.configurations[rootID]!.sinks = sinks
            state.configurations[rootID]!.sampling = configuration.sampling
            // After the root's level, so a per-logger level naming the root (`root`) wins.
            for (name, level) in configuration.loggerLevels {
                state.configurations[ObjectIdentifier(node(named: name, in: &state))]!.level = level
            }
            state.fieldProviders = configuration.fieldProviders
            state.bootstrapCallSite = "\(file):\(line)"
            return (nil, refresh(rootNode, in: &state))
        }
        if let firstCall { throw .alreadyBootstrapped(firstCall: firstCall) }
        if configuration.ignoresBrokenPipe { System.ignoreBrokenPipeSignal() }
        if self === LogHierarchy.shared {
            // Process-wide: private hierarchies (tests) neither install rules nor drain at exit.
            RedactionRules.install(configuration.redaction)
            LogShutdown.installExitHook(timeout: configuration.shutdownTimeout)
        }
        return LogSetup(
            level: configuration.level, sinks: sinks, loggerLevels: configuration.loggerLevels,
            ignoresBrokenPipe: configuration.ignoresBrokenPipe, sampling: configuration.sampling, hierarchy: self,
            redaction: configuration.redaction, shutdownTimeout: configuration.shutdownTimeout,
            fieldProviders: configuration.fieldProviders)
    }

    /// See ``Log/bootstrap(_:file:line:)-(LogEnvironment,_,_)``.
    package func bootstrap(
        _ environment: LogEnvironment,
        file: String = #fileID,
        line: UInt = #line
    ) throws(LogBootstrapError) -> LogSetup {
        let resolution: LogEnvironment.Resolution
        do {
            resolution = try environment.resolve()
        } catch {
            throw .invalidEnvironment(error)
        }
        var setup = try bootstrap(resolution.configuration, file: file, line: line)
        setup.choices = resolution.choices
        return setup
    }

    /// The node for a normalized name (`""` and `root` are the root), created with its
    /// missing ancestors on first use.
    func node(named name: String) -> LogNode {
        state.withLock { state in node(named: name, in: &state) }
    }

    func node(named name: String, in state: inout State) -> LogNode {
        var node: LogNode = rootNode
        let name = LoggerName.addressed(by: name) ?? ""
        var start = name.startIndex
        while start < name.endIndex {
            let end = name.utf8[start...].firstIndex(of: LoggerName.dot) ?? name.endIndex
            let key = NodeKey(parent: ObjectIdentifier(node), segment: name[start..<end])
            start = end < name.endIndex ? name.utf8.index(after: end) : end
            if let existing = state.nodes[key] {
                node = existing
                continue
            }
            let child = LogNode(path: name[..<end], parent: node, hierarchy: self)
            state.configurations[ObjectIdentifier(node)]!.children.append(child)
            add(child, as: key, in: &state)
            node = child
        }
        node.nameIfNeeded()
        return node
    }

    /// A handle to `node`, named first if it is an ancestor not yet asked for.
    func handle(to node: LogNode) -> Log {
        state.withLock { _ in node.nameIfNeeded() }
        return Log(node: node, boundFields: LogFields())
    }

    private func add(_ node: LogNode, as key: NodeKey, in state: inout State) {
        state.nodes[key] = node
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
            sampler = configuration.sampler ?? LogSampler(logger: node.path, policy: sampling)
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

    /// A copy of a hierarchy's configuration, for ``restore(_:)``: its whole state, and (for the
    /// process-wide hierarchy, the only one that installs them) the redaction rules in force.
    package struct Snapshot: Sendable {
        fileprivate let state: State
        fileprivate let redaction: LogRedaction?
    }

    package func snapshot() -> Snapshot {
        Snapshot(
            state: state.withLock { $0 },
            redaction: self === LogHierarchy.shared ? RedactionRules.current.configuration : nil)
    }

    /// Loggers created since the snapshot get the initial configuration; handles stay
    /// valid; open test captures are unaffected.
    package func restore(_ snapshot: Snapshot) {
        _ = state.withLock { state in
            for (id, configuration) in state.configurations {
                var restored = snapshot.state.configurations[id] ?? NodeConfiguration()
                restored.children = configuration.children
                // A node keeps its one sampler, so drops not yet reported are still reported.
                restored.sampler = configuration.sampler ?? restored.sampler
                state.configurations[id] = restored
            }
            // The rest as saved; the dictionaries above are swapped in, not copied into a new one.
            var restored = snapshot.state
            swap(&restored.nodes, &state.nodes)
            swap(&restored.configurations, &state.configurations)
            state = restored
            return refresh(rootNode, in: &state)  // released after the lock
        }
        if let redaction = snapshot.redaction { RedactionRules.install(redaction) }
    }

    /// Returns to the configuration of a new hierarchy (for the process-wide one, with the
    /// default redaction rules). Handles stay valid.
    package func reset() {
        restore(Snapshot(state: State(), redaction: self === LogHierarchy.shared ? .default : nil))
    }

    /// Writes one `logbook` warning per summary, past sampling, at the levels
    /// `Documentation/HierarchyAndLevels.md` states (an inherited `error` must not hide how many errors
    /// sampling dropped), with no task context: the task that triggers it is not the one sampled.
    func writeSummaries(_ summaries: [LogSampler.Summary]) {
        guard !summaries.isEmpty else { return }
        let node = node(named: "logbook")
        if let own = configuration(of: node, { $0.level }), LogLevel.warning < own { return }
        for summary in summaries {
            let record = LogRecord(
                level: .warning, logger: node.name, message: "records suppressed by sampling",
                fields: [
                    "suppressed": summary.suppressed, "logger": summary.logger, "level": summary.level.name,
                    "message": summary.message,
                ])
            ThreadScratch.unmanagedCurrent._withUnsafeGuaranteedRef {
                node.deliver(record, on: $0, ignoringLevels: true)
            }
        }
    }

    /// Writes the unreported drops of the samplers in `node`'s subtree (by default the whole
    /// hierarchy's), whether or not their interval has ended; counting goes on afterwards. With
    /// `onlyIdle`, only those of samplers that no longer sample (sampling turned off there or
    /// above): no later record goes through them, so the drops would otherwise wait for shutdown.
    func writePendingSummaries(under node: LogNode? = nil, onlyIdle: Bool = false) {
        let samplers = state.withLock { state in
            subtree(of: node ?? rootNode, in: state).compactMap { node in
                let configuration = state.configurations[ObjectIdentifier(node)]!
                let isIdle = configuration.effectiveSampling?.isOff ?? true
                return onlyIdle && !isIdle ? nil : configuration.sampler
            }
        }
        writeSummaries(samplers.flatMap { $0.takeAllSummaries() })
    }
}
