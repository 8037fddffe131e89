extension LogRegistry {
    /// Applies `configuration` to the root and the named loggers, once.
    func bootstrap(_ configuration: LogConfiguration, callSite: String) throws(LogBootstrapError) -> LogSetup {
        for name in configuration.loggerLevels.keys {
            do {
                try LoggerName.validate(name)
            } catch {
                throw .invalidLoggerName(error)
            }
        }
        let outcome: Result<Void, LogBootstrapError> = state.withLock { state in
            if let firstCall = state.bootstrapCallSite {
                return .failure(.alreadyBootstrapped(firstCall: firstCall))
            }
            let root = state.nodes[""]!
            let rootID = ObjectIdentifier(root)
            state.configurations[rootID]!.level = configuration.level
            state.configurations[rootID]!.sinks = configuration.sinks
            // After the root's level, so a per-logger level naming the root (`root`) wins.
            for (name, level) in configuration.loggerLevels {
                let node = node(named: name, in: &state)
                state.configurations[ObjectIdentifier(node)]!.level = level
            }
            state.fieldProviders = configuration.fieldProviders
            state.bootstrapCallSite = callSite
            refresh(root, in: &state)
            return .success(())
        }
        try outcome.get()
        if configuration.ignoresBrokenPipe {
            System.ignoreBrokenPipeSignal()
        }
        return LogSetup(
            level: configuration.level,
            sinks: configuration.sinks,
            loggerLevels: configuration.loggerLevels,
            ignoresBrokenPipe: configuration.ignoresBrokenPipe,
            shutdownTimeout: configuration.shutdownTimeout,
            fieldProviders: configuration.fieldProviders)
    }
}
