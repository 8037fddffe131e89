extension AsyncSink {
    /// What an ``AsyncSink`` does with a record when its queue is full.
    public enum OverflowPolicy: Sendable, Hashable, CustomStringConvertible {
        /// The logging call waits until the background thread made room. Nothing is ever
        /// lost; a stalled destination slows the service down. The default.
        case block
        /// Records below `level` (and below ``Options/durableLevel``) are dropped, counted and
        /// summed up in a `warning` (see the Production guide); the others wait for room.
        case drop(below: LogLevel)

        /// `block` or `drop(below: warning)`.
        public var description: String {
            switch self {
            case .block: "block"
            case .drop(let level): "drop(below: \(level))"
            }
        }
    }

    /// Queue bounds and overflow policy of an ``AsyncSink``.
    public struct Options: Sendable, Hashable {
        /// The most records waiting to be written, at least 1 (smaller values are raised).
        /// Default 16,384.
        public var capacity: Int { didSet { capacity = max(Self.minimumCapacity, capacity) } }
        /// The most bytes waiting to be written, estimated from each record's message
        /// and field count before formatting, at least 1,024. Default 16 MiB.
        public var maximumBytes: Int { didSet { maximumBytes = max(Self.minimumMaximumBytes, maximumBytes) } }
        /// What happens when either bound is reached. Default ``OverflowPolicy/block``.
        public var overflow: OverflowPolicy
        /// The largest batch of formatted lines handed to a ``LineWritingSink`` in one
        /// write, at least 4,096. Default 256 KiB.
        public var batchBytes: Int { didSet { batchBytes = max(Self.minimumBatchBytes, batchBytes) } }
        /// Records at or above this level are written, with everything queued before them,
        /// before the logging call returns (not synced to disk; see the Production guide).
        /// Default ``LogLevel/critical``.
        public var durableLevel: LogLevel

        static let minimumCapacity = 1
        static let minimumMaximumBytes = 1024
        static let minimumBatchBytes = 4096

        /// Creates options; each parameter has the default and minimum given on its property.
        public init(
            capacity: Int = 16_384,
            maximumBytes: Int = 16 << 20,
            overflow: OverflowPolicy = .block,
            batchBytes: Int = 256 << 10,
            durableLevel: LogLevel = .critical
        ) {
            self.capacity = max(Self.minimumCapacity, capacity)
            self.maximumBytes = max(Self.minimumMaximumBytes, maximumBytes)
            self.overflow = overflow
            self.batchBytes = max(Self.minimumBatchBytes, batchBytes)
            self.durableLevel = durableLevel
        }
    }
}
