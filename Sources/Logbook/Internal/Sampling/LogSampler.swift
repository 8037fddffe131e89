/// One logger's sampling state: per call site (file, line, level), how many records its
/// current interval saw and how many were dropped and not yet reported.
///
/// A node whose effective ``LogSampling`` is on has one sampler for as long as the
/// process runs (its configuration changes it in place, so counts survive unrelated
/// configuration changes); its dispatch plan holds it only while sampling is on. Every
/// decision is made under one lock, so the counts are exact however many threads log.
final class LogSampler: Sendable {
    /// A call site. Hashed by line, level and the file name's length only, which are
    /// cheap; equal keys compare the file names, which for the `#fileID` literals every
    /// call passes is a comparison of two identical words.
    struct Site: Hashable {
        let file: String
        let line: UInt
        let level: LogLevel

        func hash(into hasher: inout Hasher) {
            hasher.combine(line &* 64 &+ UInt(level.rawValue) &+ UInt(file.utf8.count) &<< 40)
        }
    }

    /// A call site's current interval.
    struct Group {
        /// When the interval began, in ``System/coarseMonotonicNanoseconds()``.
        var start: Int64
        /// Records seen in the interval.
        var count = 0
        /// Records dropped and not yet reported, from this or earlier intervals.
        var dropped = 0
        /// The message of the first unreported drop, once the dropping call evaluated it.
        var message: String?
    }

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
        /// the message and hands it to ``noteMessage(_:for:)``.
        case dropNeedingMessage
    }

    private struct State {
        var policy: LogSampling
        var groups: [Site: Group] = [:]
        /// The earliest end of an interval with unreported drops; `.max` when none.
        var nextDue = Int64.max
    }

    /// The sampled logger's name, for summaries.
    let logger: String
    private let state: LockedState<State>

    init(logger: String, policy: LogSampling) {
        self.logger = logger
        self.state = LockedState(State(policy: policy))
    }

    /// Replaces the policy. Counts and unreported drops are kept.
    func configure(_ policy: LogSampling) {
        state.withLock { $0.policy = policy }
    }

    /// Counts a record of `site` and decides whether it passes. Also returns the
    /// summaries of every call site of this logger whose interval with drops has ended,
    /// to be written before the record; `nil` (no allocation) when there are none.
    func admit(_ site: Site, now: Int64) -> (Decision, [Summary]?) {
        state.withLock { state in
            let interval = state.policy.intervalNanoseconds
            var summaries: [Summary]?
            if now >= state.nextDue { summaries = Self.sweep(&state, now: now, logger: logger) }
            let decision = Self.count(
                &state.groups[site, default: Group(start: now)], now: now, interval: interval, policy: state.policy)
            if decision != .pass, let group = state.groups[site] {
                // A drop may start the pending set or follow a summary that cleared it.
                state.nextDue = min(state.nextDue, group.start &+ interval)
            }
            return (decision, summaries)
        }
    }

    /// Counts one record in `group`, starting a new interval when the current one ended.
    private static func count(_ group: inout Group, now: Int64, interval: Int64, policy: LogSampling) -> Decision {
        let elapsed = now &- group.start
        if elapsed >= interval || elapsed < 0 {
            group.start = now
            group.count = 0
        }
        group.count += 1
        let beyond = group.count - policy.first
        if beyond <= 0 { return .pass }
        if let every = policy.thenEvery, beyond % every == 0 { return .pass }
        group.dropped += 1
        return group.dropped == 1 ? .dropNeedingMessage : .drop
    }

    /// Records the message of the first unreported drop of `site`.
    func noteMessage(_ message: String, for site: Site) {
        state.withLock { state in
            if let group = state.groups[site], group.dropped > 0, group.message == nil {
                state.groups[site]!.message = message
            }
        }
    }

    /// The summaries of every call site with unreported drops, whether or not its
    /// interval has ended, which then start counting drops from zero.
    func takeAllSummaries() -> [Summary] {
        state.withLock { state in
            var summaries: [Summary] = []
            for (site, group) in state.groups where group.dropped > 0 {
                summaries.append(Self.summary(site, group, logger: logger))
                state.groups[site]!.dropped = 0
                state.groups[site]!.message = nil
            }
            state.nextDue = .max
            return summaries
        }
    }

    /// Reports the call sites whose interval with drops has ended (and whose message is
    /// known), and works out when the next one is due.
    private static func sweep(_ state: inout State, now: Int64, logger: String) -> [Summary]? {
        let interval = state.policy.intervalNanoseconds
        var summaries: [Summary] = []
        var nextDue = Int64.max
        for (site, group) in state.groups where group.dropped > 0 {
            let end = group.start &+ interval
            if now >= end && group.message != nil {
                summaries.append(summary(site, group, logger: logger))
                state.groups[site]!.dropped = 0
                state.groups[site]!.message = nil
            } else {
                // Not over yet, or its dropping call is still evaluating the message:
                // look again at the interval's end, or at the next record.
                nextDue = min(nextDue, now >= end ? now : end)
            }
        }
        state.nextDue = nextDue
        return summaries.isEmpty ? nil : summaries
    }

    private static func summary(_ site: Site, _ group: Group, logger: String) -> Summary {
        Summary(logger: logger, level: site.level, message: group.message ?? "", suppressed: group.dropped)
    }
}
