/// One logger's sampling state: per call site (file, line, level), how many records its
/// current interval saw and how many were dropped and not yet reported. A node keeps its
/// sampler for life (reconfigured in place, so counts survive); every decision is made
/// under one lock, so the counts are exact.
final class LogSampler: @unchecked Sendable {
    /// What the dropped records of one call site were, for the summary record.
    struct Summary: Sendable {
        let logger: String
        let level: LogLevel
        let message: String
        let suppressed: Int
    }

    /// The verdict on one record.
    enum Decision {
        case pass
        case drop
        /// Dropped, and the first unreported drop of its call site: the caller evaluates
        /// the message and hands it to ``noteMessage(_:file:line:level:)``.
        case dropNeedingMessage
    }

    /// The policy's numbers and the next summary's due time, in memory the logging path
    /// reads without exclusivity checks. Guarded by ``lock``.
    private struct Numbers {
        var first: Int
        /// `0` when nothing passes after the first.
        var every: Int
        var interval: Int64
        /// The earliest end of an interval with unreported drops; `.max` when none.
        var nextDue: Int64
    }

    /// The sampled logger's name, for summaries.
    let logger: String
    private let lock = SamplerLock()
    private let numbers: UnsafeMutablePointer<Numbers>
    private let table = SamplerTable()

    init(logger: String, policy: LogSampling) {
        self.logger = logger
        numbers = .allocate(capacity: 1)
        numbers.initialize(to: Numbers(first: 0, every: 0, interval: 1, nextDue: .max))
        configure(policy)
    }

    deinit {
        numbers.deinitialize(count: 1)
        numbers.deallocate()
    }

    /// Replaces the policy. Counts and unreported drops are kept.
    func configure(_ policy: LogSampling) {
        lock.withLock {
            numbers.pointee.first = policy.first
            numbers.pointee.every = policy.thenEvery ?? 0
            numbers.pointee.interval = policy.intervalNanoseconds
        }
    }

    /// Counts a record of the call site and decides whether it passes. Also returns the
    /// summaries of every call site of this logger whose interval with drops has ended,
    /// to be written before the record; `nil` (no allocation) when there are none.
    func admit(file: String, line: UInt, level: LogLevel, now: Int64) -> (Decision, [Summary]?) {
        lock.lock()
        defer { lock.unlock() }
        var summaries: [Summary]?
        if now >= numbers.pointee.nextDue { summaries = sweep(now: now) }
        let index = table.index(file: file, line: line, level: level, now: now)  // may move the entries
        let entry = table.entries + index
        let interval = numbers.pointee.interval
        let elapsed = now &- entry.pointee.start
        if elapsed >= interval || elapsed < 0 {
            entry.pointee.start = now
            entry.pointee.count = 0
        }
        entry.pointee.count += 1
        let beyond = entry.pointee.count - numbers.pointee.first
        let every = numbers.pointee.every
        if beyond <= 0 || (every > 0 && beyond % every == 0) { return (.pass, summaries) }
        entry.pointee.dropped += 1
        // A drop may start the pending set or follow a summary that cleared it.
        numbers.pointee.nextDue = min(numbers.pointee.nextDue, entry.pointee.start &+ interval)
        return (entry.pointee.dropped == 1 ? .dropNeedingMessage : .drop, summaries)
    }

    /// Records the message of the first unreported drop of the call site.
    func noteMessage(_ message: String, file: String, line: UInt, level: LogLevel) {
        lock.withLock {
            let index = table.index(file: file, line: line, level: level, now: 0)
            if table.entries[index].dropped > 0 && table.message(at: index) == nil {
                table.setMessage(message, at: index)
            }
        }
    }

    /// The summaries of every call site with unreported drops, whether or not its
    /// interval has ended, which then start counting drops from zero.
    func takeAllSummaries() -> [Summary] {
        lock.withLock {
            var summaries: [Summary] = []
            for index in 0..<table.capacity where table.entries[index].isOccupied && table.entries[index].dropped > 0 {
                summaries.append(takeSummary(at: index))
            }
            numbers.pointee.nextDue = .max
            return summaries
        }
    }

    /// Reports the call sites whose interval with drops has ended (and whose message is
    /// known), and works out when the next one is due.
    private func sweep(now: Int64) -> [Summary]? {
        var summaries: [Summary] = []
        var nextDue = Int64.max
        let interval = numbers.pointee.interval
        for index in 0..<table.capacity where table.entries[index].isOccupied && table.entries[index].dropped > 0 {
            let end = table.entries[index].start &+ interval
            if now >= end && table.message(at: index) != nil {
                summaries.append(takeSummary(at: index))
            } else {
                // Not over yet, or its dropping call is still evaluating the message:
                // look again at the interval's end, or at the next record.
                nextDue = min(nextDue, now >= end ? now : end)
            }
        }
        numbers.pointee.nextDue = nextDue
        return summaries.isEmpty ? nil : summaries
    }

    private func takeSummary(at index: Int) -> Summary {
        let summary = Summary(
            logger: logger, level: table.entries[index].level, message: table.message(at: index) ?? "",
            suppressed: table.entries[index].dropped)
        table.entries[index].dropped = 0
        table.setMessage(nil, at: index)
        return summary
    }
}
