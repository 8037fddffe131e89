extension LogHierarchy {
    /// Writes one `logbook` warning per summary (see ``LogSampling``), past sampling and
    /// with no task context (the task that triggers it is not the one that was sampled),
    /// whatever level `logbook` inherits: with the root at `error`, the count of the
    /// errors sampling dropped must still be written. A level set on `logbook` itself
    /// applies (it is how summaries are silenced), and so do sinks' levels and filters.
    func writeSummaries(_ summaries: [LogSampler.Summary]) {
        guard !summaries.isEmpty else { return }
        let node = node(named: "logbook")
        if let own = configuration(of: node, { $0.level }), LogLevel.warning < own { return }
        for summary in summaries {
            let record = LogRecord(
                level: .warning, logger: node.name, message: "records suppressed by sampling",
                fields: [
                    "suppressed": summary.suppressed, "logger": summary.logger, "level": summary.level.name,
                    "message": summary.message,
                ])
            ThreadScratch.unmanagedCurrent._withUnsafeGuaranteedRef {
                node.deliver(record, on: $0, ignoringLevels: true)
            }
        }
    }

    /// Writes the unreported drops of the samplers in `node`'s subtree (by default the whole
    /// hierarchy's), whether or not their interval has ended; counting goes on afterwards. With
    /// `onlyIdle`, only those of samplers that no longer sample (sampling turned off there or
    /// above): no later record goes through them, so the drops would otherwise wait for shutdown.
    func writePendingSummaries(under node: LogNode? = nil, onlyIdle: Bool = false) {
        let samplers = state.withLock { state in
            subtree(of: node ?? rootNode, in: state).compactMap { node in
                let configuration = state.configurations[ObjectIdentifier(node)]!
                let isIdle = configuration.effectiveSampling?.isOff ?? true
                return onlyIdle && !isIdle ? nil : configuration.sampler
            }
        }
        writeSummaries(samplers.flatMap { $0.takeAllSummaries() })
    }
}

extension LogNode {
    /// Counts a record under `sampler` and reports whether sampling drops it, after
    /// writing the summaries that are due. Evaluates `message` only for the first
    /// unreported drop of the call site, never the fields.
    @inline(never)
    func sampledAway(
        _ sampler: Unmanaged<LogSampler>,
        _ level: LogLevel,
        _ message: () -> String,
        file: String,
        line: UInt
    ) -> Bool {
        let (decision, summaries) = sampler._withUnsafeGuaranteedRef {
            $0.admit(file: file, line: line, level: level, now: System.coarseMonotonicNanoseconds())
        }
        if decision == .dropNeedingMessage {
            // The message is user code that may log and so replace this thread's cached
            // plans, which hold the sampler: keep it alive across the call.
            let owned = sampler.takeUnretainedValue()
            owned.noteMessage(message(), file: file, line: line, level: level)
        }
        if let summaries { hierarchy.writeSummaries(summaries) }
        return decision != .pass
    }
}
