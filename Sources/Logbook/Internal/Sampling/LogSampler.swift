/// One logger's sampling state: per call site (file, line, level), how many records its
/// current interval saw and how many were dropped and not yet reported. A node keeps its
/// sampler for life (reconfigured in place, so counts survive); every decision is made
/// under one lock, so the counts are exact.
///
/// A group whose interval ended with nothing to report is as good as absent, so it is
/// forgotten when the table would otherwise grow: the table is bounded by the call sites
/// of one interval plus those with unreported drops, even when `file` and `line` come
/// from data (a process re-logging records from elsewhere).
package final class LogSampler: @unchecked Sendable {
    package struct Summary: Sendable {
        package let logger: String
        package let level: LogLevel
        package let message: String
        package let suppressed: Int
    }

    package enum Decision: Sendable {
        case pass
        case drop
        /// Dropped, and the first unreported drop of its call site: the caller evaluates
        /// the message and hands it to ``noteMessage(_:file:line:level:)``.
        case dropNeedingMessage
    }

    /// One call site's group (vacant as created).
    private struct Entry {
        var file = ""
        var line: UInt = 0
        var level = LogLevel.trace
        var isOccupied = false
        /// When the interval began, in ``System/coarseMonotonicNanoseconds()``.
        var start: Int64 = 0
        var count = 0
        /// Records dropped and not yet reported, from this or earlier intervals (none in a vacant slot).
        var dropped = 0
        /// The message of the first of them, once its call evaluated it.
        var message: String?
    }

    /// Behind a pointer, so the logging path reads it with no reference counting and no
    /// exclusivity checks (a class's stored `var` costs both). Guarded by ``lock``.
    private struct State {
        var first = 0
        /// `0` when nothing passes after the first.
        var every = 0
        var interval: Int64 = 1
        /// The earliest end of an interval with unreported drops; `.max` when none.
        var nextDue = Int64.max
        /// Open addressing with linear probing, the capacity a power of two, found by
        /// line, level and file with no hashing of the file name's bytes.
        var entries: UnsafeMutableBufferPointer<Entry>
        var occupied = 0
    }

    /// A slice of a longer name for an ancestor's sampler, made a `String` only for a summary.
    let logger: Substring
    private let lock = ConditionLock()
    private let state: UnsafeMutablePointer<State>

    package init(logger: Substring, policy: LogSampling) {
        self.logger = logger
        let entries = UnsafeMutableBufferPointer<Entry>.allocate(capacity: 16)
        entries.initialize(repeating: Entry())
        state = .allocate(capacity: 1)
        state.initialize(to: State(entries: entries))
        configure(policy)
    }

    deinit {
        state.pointee.entries.deinitialize()
        state.pointee.entries.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Counts and unreported drops are kept.
    func configure(_ policy: LogSampling) {
        lock.withLock {
            state.pointee.first = policy.first
            state.pointee.every = policy.thenEvery ?? 0
            // At least 1 and at most `Int64.max / 2`, so an interval's end never wraps around.
            state.pointee.interval = max(1, policy.interval.clampedNanoseconds)
        }
    }

    /// Counts a record of the call site and decides whether it passes. Also returns the
    /// summaries of every call site of this logger whose interval with drops has ended,
    /// to be written before the record; `nil` (no allocation) when there are none.
    package func admit(file: String, line: UInt, level: LogLevel, now: Int64) -> (Decision, [Summary]?) {
        lock.lock()
        defer { lock.unlock() }
        var summaries: [Summary]?
        if now >= state.pointee.nextDue { summaries = sweep(now: now) }
        var index = probe(file: file, line: line, level: level)
        // Adding a group may move every entry: read them after it.
        if !state.pointee.entries[index].isOccupied { index = add(file: file, line: line, level: level, now: now) }
        let entry = state.pointee.entries.baseAddress! + index
        let interval = state.pointee.interval
        let elapsed = now &- entry.pointee.start
        if elapsed >= interval || elapsed < 0 {
            entry.pointee.start = now
            entry.pointee.count = 0
        }
        entry.pointee.count += 1
        let beyond = entry.pointee.count - state.pointee.first
        let every = state.pointee.every
        if beyond <= 0 || (every > 0 && beyond % every == 0) { return (.pass, summaries) }
        entry.pointee.dropped += 1
        // A drop may start the pending set or follow a summary that cleared it.
        state.pointee.nextDue = min(state.pointee.nextDue, entry.pointee.start &+ interval)
        return (entry.pointee.dropped == 1 ? .dropNeedingMessage : .drop, summaries)
    }

    package func noteMessage(_ message: String, file: String, line: UInt, level: LogLevel) {
        lock.withLock {
            // Absent only if a shutdown reported the drop meanwhile and the group was then forgotten.
            let entry = state.pointee.entries.baseAddress! + probe(file: file, line: line, level: level)
            if entry.pointee.dropped > 0 && entry.pointee.message == nil {
                entry.pointee.message = message
            }
        }
    }

    /// The summaries of every call site with unreported drops, whether or not its
    /// interval has ended; their drops then count from zero.
    package func takeAllSummaries() -> [Summary] {
        lock.withLock { sweep(now: .max, all: true) ?? [] }
    }

    /// Reports the call sites whose interval with drops has ended (and whose message is
    /// known), or with `all` every call site with drops, and works out when the next one is due.
    private func sweep(now: Int64, all: Bool = false) -> [Summary]? {
        var summaries: [Summary] = []
        var nextDue = Int64.max
        let interval = state.pointee.interval
        for index in state.pointee.entries.indices where state.pointee.entries[index].dropped > 0 {
            let entry = state.pointee.entries[index]
            let end = entry.start &+ interval
            if all || (now >= end && entry.message != nil) {
                summaries.append(
                    Summary(
                        logger: String(logger), level: entry.level, message: entry.message ?? "",
                        suppressed: entry.dropped)
                )
                state.pointee.entries[index].dropped = 0
                state.pointee.entries[index].message = nil
            } else {
                // Not over yet, or its dropping call is still evaluating the message:
                // look again at the interval's end, or at the next record.
                nextDue = min(nextDue, now >= end ? now : end)
            }
        }
        state.pointee.nextDue = nextDue
        return summaries.isEmpty ? nil : summaries
    }

    /// The index of the call site's group, or of the vacant slot where it would go.
    @inline(__always)
    private func probe(file: String, line: UInt, level: LogLevel) -> Int {
        let mask = state.pointee.entries.count - 1
        // Starts at a hash of line, level and file name length, which are cheap and equal for
        // equal sites however the name is stored.
        let length = UInt(file.utf8.count)
        let hash = (line &* 0x9E37_79B9_7F4A_7C15) ^ (UInt(level.rawValue) &<< 59) ^ (length &* 0x2545_F491)
        var index = Int(truncatingIfNeeded: hash >> 17) & mask
        while state.pointee.entries[index].isOccupied {
            let entry = state.pointee.entries.baseAddress! + index
            if entry.pointee.line == line && entry.pointee.level == level && isFile(file, at: index) { return index }
            index = (index + 1) & mask
        }
        return index
    }

    /// `String`'s `==` recognises the same `#fileID` literal by identity before comparing bytes.
    @inline(never)
    private func isFile(_ file: String, at index: Int) -> Bool {
        state.pointee.entries[index].file == file
    }

    @inline(never)
    private func add(file: String, line: UInt, level: LogLevel, now: Int64) -> Int {
        if (state.pointee.occupied + 1) * 2 > state.pointee.entries.count { makeRoom(now: now) }
        let index = probe(file: file, line: line, level: level)
        state.pointee.entries[index] = Entry(file: file, line: line, level: level, isOccupied: true, start: now)
        state.pointee.occupied += 1
        return index
    }

    /// Rebuilds the table without the groups that are as good as absent, at a quarter full at
    /// most: doubled when every group still matters, smaller again after a burst of call sites has passed.
    private func makeRoom(now: Int64) {
        let old = state.pointee.entries
        let interval = state.pointee.interval
        let kept = old.filter { entry in
            let elapsed = now &- entry.start
            return entry.isOccupied && (entry.dropped > 0 || (elapsed >= 0 && elapsed < interval))
        }
        var capacity = 16
        while capacity < (kept.count + 1) * 4 { capacity *= 2 }
        state.pointee.entries = .allocate(capacity: capacity)
        state.pointee.entries.initialize(repeating: Entry())
        for entry in kept {
            // The kept groups are distinct: probing for one ends at a vacant slot.
            state.pointee.entries[probe(file: entry.file, line: entry.line, level: entry.level)] = entry
        }
        state.pointee.occupied = kept.count
        old.deinitialize()
        old.deallocate()
    }

    /// For tests of the table's bound.
    package var groupCount: Int { lock.withLock { state.pointee.occupied } }
    package var tableCapacity: Int { lock.withLock { state.pointee.entries.count } }
}
