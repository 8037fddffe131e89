extension FileSink {
    /// How a ``FileSink`` opens, checks and rotates its file.
    public struct Options: Sendable, Hashable {
        /// The permission bits of a newly created file, rotated files' successors included
        /// (before the umask). Default 0640: the owner reads and writes, the group reads,
        /// others get nothing, since logs often hold what others should not read.
        public var mode: UInt32
        /// Whether to create missing parent directories (mode 0755). Default `false`.
        public var createsDirectories: Bool
        /// Built-in rotation. Default ``FileRotation/none`` (use logrotate).
        public var rotation: FileRotation
        /// Whether `SIGHUP` makes every file sink with this option reopen its file before
        /// its next write. Installs a process-wide `SIGHUP` handler (replacing any other)
        /// the first time such a sink is created. Default `false`.
        public var reopensOnHangup: Bool
        /// How often, at most, the sink compares the path's device and inode with its open
        /// file before a write. Default `.zero`: before every write (one `stat(2)`, about
        /// as costly as a small `write(2)`, and amortized over a whole batch behind an
        /// ``AsyncSink``). A longer interval saves that call but lets lines land in the
        /// rotated file for up to the interval after logrotate renamed it; a shipper that
        /// has already finished that file (rsyslog's imfile does, measured in CI) never
        /// reads them.
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

        /// The longest accepted ``identityCheckInterval``: a day. Longer would mean never.
        static let maximumIdentityCheckInterval = Duration.seconds(86_400)

        func validate() throws(FileSinkError) {
            if mode > 0o7777 {
                throw .invalidOption(name: "mode", value: String(mode, radix: 8), accepted: "0 to 7777 (octal)")
            }
            if identityCheckInterval < .zero || identityCheckInterval > Self.maximumIdentityCheckInterval {
                throw .invalidOption(
                    name: "identityCheckInterval", value: "\(identityCheckInterval)",
                    accepted: "zero to \(Self.maximumIdentityCheckInterval)")
            }
            try rotation.validate()
        }
    }
}
