/// A tree of loggers with its own configuration.
///
/// The process-wide hierarchy, ``shared``, is the one ``Log/init(_:)``, ``Log/root`` and
/// ``Log/bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)`` use. Tests create private
/// hierarchies so they can run in parallel without sharing configuration.
package final class LogHierarchy: Sendable {
    /// The process-wide hierarchy.
    package static let shared = LogHierarchy()

    let registry: LogRegistry
    let rootNode: LogNode

    /// Creates an empty hierarchy: a root at ``LogLevel/info`` with no sinks.
    ///
    /// A hierarchy's nodes and registry reference each other, so it lives as long as the
    /// process. Create few.
    package init() {
        registry = LogRegistry()
        rootNode = registry.makeRoot()
    }

    /// The root logger.
    package var root: Log {
        Log(node: rootNode, boundFields: LogFields())
    }

    /// The logger for `name`, normalized like ``Log/init(_:)``.
    package func logger(_ name: String) -> Log {
        Log(node: registry.node(named: LoggerName.normalize(name)), boundFields: LogFields())
    }

    /// Configures the root once; see ``Log/bootstrap(_:file:line:)-(LogConfiguration,_,_)``.
    @discardableResult
    package func bootstrap(
        _ configuration: LogConfiguration,
        file: String = #fileID,
        line: UInt = #line
    ) throws(LogBootstrapError) -> LogSetup {
        let setup = try registry.bootstrap(configuration, callSite: "\(file):\(line)")
        // Only the process-wide hierarchy drains at exit; private ones (tests) do not.
        if self === LogHierarchy.shared {
            LogShutdown.installExitHook(timeout: configuration.shutdownTimeout)
        }
        return setup
    }

    /// Returns every logger to its initial configuration, forgets bootstrap and restores
    /// the default last resort. Handles created before stay valid.
    package func reset() {
        registry.reset()
    }

    /// Where records with no sink go; see ``Log/lastResort``.
    package var lastResort: (any LogSink)? {
        get { registry.state.withLock { $0.lastResort } }
        set { registry.updateAll { $0.lastResort = newValue } }
    }
}
