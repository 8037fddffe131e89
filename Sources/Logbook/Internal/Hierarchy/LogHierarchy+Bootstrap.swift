extension LogHierarchy {
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
}
