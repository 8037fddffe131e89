extension Log {
    /// Where a record goes when it finds no sink on its way up the hierarchy (everything logged
    /// before ``bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)``, say), and
    /// records a sink or formatter logs while handling one, so they never recurse. By default,
    /// records at ``LogLevel/warning`` and above go to standard error (the first time with a line
    /// explaining why) and lower ones are dropped. Set `nil` to drop them all, or any sink to send
    /// them there; its ``LogSink/level`` decides which levels it takes.
    public static var lastResort: (any LogSink)? {
        get { LogHierarchy.shared.lastResort }
        set { LogHierarchy.shared.lastResort = newValue }
    }
}
