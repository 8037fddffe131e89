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

    /// One call site's group (vacant as created). Plain values only.
    private struct Entry {
        var line: UInt = 0
        var level = LogLevel.trace
        var isOccupied = false
        /// The group's index in ``State/files`` and ``State/messages``.
        var ordinal = 0
        /// When the interval began, in ``System/coarseMonotonicNanoseconds()``.
        var start: Int64 = 0
        var count = 0
        /// Records dropped and not yet reported, from this or earlier intervals.
        var dropped = 0
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
        var entries: UnsafeMutablePointer<Entry>
        var capacity: Int
        var occupied = 0
        /// Each group's file name and the message of its first unreported drop, by
        /// ordinal: touched only when a group is added, a message noted or a summary taken.
        var files: [String] = []
        var messages: [String?] = []
    }

    let logger: String
    private let lock = SamplerLock()
    private let state: UnsafeMutablePointer<State>

    package init(logger: String, policy: LogSampling) {
        self.logger = logger
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: 16)
        entries.initialize(repeating: Entry(), count: 16)
        state = .allocate(capacity: 1)
        state.initialize(to: State(entries: entries, capacity: 16))
        configure(policy)
    }

    deinit {
        state.pointee.entries.deinitialize(count: state.pointee.capacity)
        state.pointee.entries.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Counts and unreported drops are kept.
    func configure(_ policy: LogSampling) {
        lock.withLock {
            state.pointee.first = policy.first
            state.pointee.every = policy.thenEvery ?? 0
            state.pointee.interval = policy.intervalNanoseconds
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
        // Adding a group may move every entry: read them after it.
        let index =
            find(file: file, line: line, level: level) ?? add(file: file, line: line, level: level, now: now)
        let entry = state.pointee.entries + index
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
            guard let index = find(file: file, line: line, level: level) else { return }
            let ordinal = state.pointee.entries[index].ordinal
            if state.pointee.entries[index].dropped > 0 && state.pointee.messages[ordinal] == nil {
                state.pointee.messages[ordinal] = message
            }
        }
    }

    /// The summaries of every call site with unreported drops, whether or not its
    /// interval has ended; their drops then count from zero.
    package func takeAllSummaries() -> [Summary] {
        lock.withLock {
            state.pointee.nextDue = .max
            return (0..<state.pointee.capacity).filter(hasDrops).map(takeSummary)
        }
    }

    /// Reports the call sites whose interval with drops has ended (and whose message is
    /// known), and works out when the next one is due.
    private func sweep(now: Int64) -> [Summary]? {
        var summaries: [Summary] = []
        var nextDue = Int64.max
        let interval = state.pointee.interval
        for index in 0..<state.pointee.capacity where hasDrops(at: index) {
            let entry = state.pointee.entries[index]
            let end = entry.start &+ interval
            if now >= end && state.pointee.messages[entry.ordinal] != nil {
                summaries.append(takeSummary(at: index))
            } else {
                // Not over yet, or its dropping call is still evaluating the message:
                // look again at the interval's end, or at the next record.
                nextDue = min(nextDue, now >= end ? now : end)
            }
        }
        state.pointee.nextDue = nextDue
        return summaries.isEmpty ? nil : summaries
    }

    private func hasDrops(at index: Int) -> Bool {
        state.pointee.entries[index].isOccupied && state.pointee.entries[index].dropped > 0
    }

    private func takeSummary(at index: Int) -> Summary {
        let entry = state.pointee.entries[index]
        let summary = Summary(
            logger: logger, level: entry.level, message: state.pointee.messages[entry.ordinal] ?? "",
            suppressed: entry.dropped)
        state.pointee.entries[index].dropped = 0
        state.pointee.messages[entry.ordinal] = nil
        return summary
    }

    /// Where probing starts: a hash of line, level and file name length, which are cheap
    /// and equal for equal sites however the name is stored.
    @inline(__always)
    private func home(line: UInt, level: LogLevel, fileLength: Int) -> Int {
        let hash = (line &* 0x9E37_79B9_7F4A_7C15) ^ (UInt(level.rawValue) &<< 59) ^ (UInt(fileLength) &* 0x2545_F491)
        return Int(truncatingIfNeeded: hash >> 17) & (state.pointee.capacity - 1)
    }

    @inline(__always)
    private func find(file: String, line: UInt, level: LogLevel) -> Int? {
        let mask = state.pointee.capacity - 1
        var index = home(line: line, level: level, fileLength: file.utf8.count)
        while state.pointee.entries[index].isOccupied {
            let entry = state.pointee.entries[index]
            if entry.line == line && entry.level == level && isFile(file, at: entry.ordinal) { return index }
            index = (index + 1) & mask
        }
        return nil
    }

    /// `String`'s `==` recognises the same `#fileID` literal by identity before comparing bytes.
    @inline(never)
    private func isFile(_ file: String, at ordinal: Int) -> Bool {
        state.pointee.files[ordinal] == file
    }

    @inline(never)
    private func add(file: String, line: UInt, level: LogLevel, now: Int64) -> Int {
        if (state.pointee.occupied + 1) * 2 > state.pointee.capacity { makeRoom(now: now) }
        let index = vacantIndex(line: line, level: level, fileLength: file.utf8.count)
        state.pointee.entries[index] = Entry(
            line: line, level: level, isOccupied: true, ordinal: state.pointee.files.count, start: now)
        state.pointee.files.append(file)
        state.pointee.messages.append(nil)
        state.pointee.occupied += 1
        return index
    }

    private func vacantIndex(line: UInt, level: LogLevel, fileLength: Int) -> Int {
        var index = home(line: line, level: level, fileLength: fileLength)
        while state.pointee.entries[index].isOccupied { index = (index + 1) & (state.pointee.capacity - 1) }
        return index
    }

    /// Rebuilds the table without the groups that are as good as absent (their interval
    /// ended with no drop left to report), at a quarter full at most: doubled when every
    /// group still matters, smaller again after a burst of call sites has passed.
    private func makeRoom(now: Int64) {
        let old = state.pointee.entries
        let oldCapacity = state.pointee.capacity
        let interval = state.pointee.interval
        let kept = UnsafeBufferPointer(start: old, count: oldCapacity).filter { entry in
            let elapsed = now &- entry.start
            return entry.isOccupied && (entry.dropped > 0 || (elapsed >= 0 && elapsed < interval))
        }
        var capacity = 16
        while capacity < (kept.count + 1) * 4 { capacity *= 2 }
        state.pointee.capacity = capacity
        state.pointee.entries = .allocate(capacity: capacity)
        state.pointee.entries.initialize(repeating: Entry(), count: capacity)
        state.pointee.files = kept.map { state.pointee.files[$0.ordinal] }
        state.pointee.messages = kept.map { state.pointee.messages[$0.ordinal] }
        for (ordinal, var entry) in kept.enumerated() {
            entry.ordinal = ordinal
            let fileLength = state.pointee.files[ordinal].utf8.count
            state.pointee.entries[vacantIndex(line: entry.line, level: entry.level, fileLength: fileLength)] = entry
        }
        state.pointee.occupied = kept.count
        old.deinitialize(count: oldCapacity)
        old.deallocate()
    }

    /// For tests of the table's bound.
    package var groupCount: Int { lock.withLock { state.pointee.occupied } }
    package var tableCapacity: Int { lock.withLock { state.pointee.capacity } }
}
