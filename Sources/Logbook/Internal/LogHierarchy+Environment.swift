extension LogHierarchy {
    /// Configures the root once from the environment; see
    /// ``Log/bootstrap(_:file:line:)-(LogEnvironment,_,_)``.
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
