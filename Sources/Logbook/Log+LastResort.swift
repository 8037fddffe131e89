extension Log {
    /// Where a record goes when it finds no sink on its way up the hierarchy, for
    /// example everything logged before ``bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)``.
    ///
    /// By default records at ``LogLevel/warning`` and above are written to standard error
    /// (the first time with a line explaining why) and lower records are dropped, so a
    /// misconfigured application still sees its failures without a library ever
    /// producing output on its own. Set `nil` to drop such records instead, or any sink
    /// to send them there; the sink's ``LogSink/level`` decides which levels it takes.
    ///
    /// The last resort also receives records created re-entrantly, by a sink or
    /// formatter that logs while it handles a record, so they never recurse.
    public static var lastResort: (any LogSink)? {
        get { LogHierarchy.shared.lastResort }
        set { LogHierarchy.shared.lastResort = newValue }
    }
}
