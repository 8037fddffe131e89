extension Log {
    /// Where records go that find no sink on their way up (before
    /// ``bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)``, say), and records a
    /// sink or formatter logs while handling one. By default, ``LogLevel/warning`` and above go to
    /// standard error (the first time after a line saying why); lower ones are dropped. Set `nil`
    /// to drop them all, or a sink, whose ``LogSink/level`` decides which levels it takes.
    public static var lastResort: (any LogSink)? {
        get { LogHierarchy.shared.lastResort }
        set { LogHierarchy.shared.lastResort = newValue }
    }
}
