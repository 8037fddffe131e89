extension FileSink {
    /// How a ``FileSink`` opens, checks and rotates its file.
    public struct Options: Sendable, Hashable {
        /// The permission bits (before the umask) of every file the sink creates. Default 0640
        /// (owner read-write, group read), since logs often hold what others should not read.
        public var mode: UInt32
        /// Whether to create missing parent directories (mode 0755). Default `false`.
        public var createsDirectories: Bool
        /// Built-in rotation. Default ``FileRotation/none`` (use logrotate).
        public var rotation: FileRotation
        /// Whether `SIGHUP` makes the sink reopen its file before its next write. The first
        /// such sink installs a process-wide `SIGHUP` handler, replacing any other. Default `false`.
        public var reopensOnHangup: Bool
        /// How often, at most, the sink checks (with one `stat(2)`) that the path still names
        /// its open file, from zero to a day. Default `.zero`: before every write. Read the
        /// Production guide before raising it: lines may be lost to shippers.
        public var identityCheckInterval: Duration

        /// Creates options; every parameter has the default described on its property.
        public init(
            mode: UInt32 = 0o640,
            createsDirectories: Bool = false,
            rotation: FileRotation = .none,
            reopensOnHangup: Bool = false,
            identityCheckInterval: Duration = .zero
        ) {
            self.mode = mode
            self.createsDirectories = createsDirectories
            self.rotation = rotation
            self.reopensOnHangup = reopensOnHangup
            self.identityCheckInterval = identityCheckInterval
        }

        func validate() throws(FileSinkError) {
            if mode > 0o7777 {
                throw .invalidOption(name: "mode", value: String(mode, radix: 8), accepted: "0 to 7777 (octal)")
            }
            let day = Duration.seconds(86_400)
            if identityCheckInterval < .zero || identityCheckInterval > day {
                throw .invalidOption(
                    name: "identityCheckInterval", value: "\(identityCheckInterval)", accepted: "zero to \(day)")
            }
            try rotation.validate()
        }
    }
}
