import Logbook
import LogbookTesting
import Testing

/// The plan calls its last sink without retaining it: the thread's plan cache must keep the
/// plan, and so the sink, alive while the sink runs, even when the sink's own write replaces
/// the configuration (bootstrap after reset) and nothing else refers to the sink.
@Suite("A plan replaced while its sink writes")
struct PlanReplacedDuringWriteTests {
    @Test("a sink that re-bootstraps its hierarchy from its write is not released before the write returns")
    func bootstrapFromTheLastSink() throws {
        for sinkCount in 1...2 {
            let hierarchy = LogHierarchy()
            hierarchy.lastResort = nil
            let replacement = InMemorySink()
            let released = SharedFlag()
            let releasedDuringWrite = SharedFlag()
            do {
                let sink = RebootstrappingSink(hierarchy: hierarchy, replacement: replacement, onRelease: released)
                sink.releasedDuringWrite = releasedDuringWrite
                let sinks: [any LogSink] = sinkCount == 1 ? [sink] : [InMemorySink(), sink]
                try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: sinks))
            }
            let log = hierarchy.logger("app")
            log.info("first")  // the sink replaces the configuration from its write
            #expect(!releasedDuringWrite.isSet, "\(sinkCount) sinks")
            // What the unretained call relies on (an unoptimized build retains the sink for the
            // call anyway): the thread's cache holds the replaced plan until its next record.
            #expect(!released.isSet, "\(sinkCount) sinks")
            log.info("second")  // drops the cached plan, the last reference to the sink
            #expect(released.isSet, "\(sinkCount) sinks")
            #expect(replacement.messages == ["second"])
        }
    }
}

/// A sink whose first write resets and re-bootstraps its hierarchy without itself, then
/// checks it was not released meanwhile and touches its own state.
private final class RebootstrappingSink: LogSink, @unchecked Sendable {
    private let hierarchy: LogHierarchy
    private let replacement: InMemorySink
    private let onRelease: SharedFlag
    var releasedDuringWrite: SharedFlag?
    private var writes = 0

    init(hierarchy: LogHierarchy, replacement: InMemorySink, onRelease: SharedFlag) {
        self.hierarchy = hierarchy
        self.replacement = replacement
        self.onRelease = onRelease
    }

    deinit { onRelease.set() }

    func write(_ record: LogRecord) {
        writes += 1
        guard writes == 1 else { return }
        hierarchy.reset()
        _ = try? hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [replacement]))
        if onRelease.isSet { releasedDuringWrite?.set() }
        writes += 1
    }
}
