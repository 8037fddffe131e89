import Logbook

extension FileSink {
    /// A sink that reports through `report` (the test host's standard error helper).
    convenience init(path: String, options: Options, reportFailureTo report: @escaping @Sendable (String) -> Void)
        throws(FileSinkError)
    {
        try self.init(path: path, formatter: JSONFormatter(), level: .trace, filters: [], options: options)
        failures.reportFirst(to: { report("Logbook: " + $0) })
    }
}
