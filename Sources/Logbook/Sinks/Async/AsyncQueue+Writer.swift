extension AsyncQueue {
    /// How long the writer waits for more records before it sleeps until signalled.
    static let napNanoseconds: Int64 = 200_000

    /// The background thread's loop: swaps out everything queued, writes it outside the
    /// lock, and repeats until stopped.
    func runWriter() {
        ThreadScratch.current.isDelivering = true
        var batch = RecordBuffer(capacity: min(options.capacity, 4096))
        defer { batch.deallocate() }
        var lines = LogBuffer(capacity: 64 * 1024)
        lock.lock()
        state.pointee.writerThread = ObjectIdentifier(ThreadScratch.current)
        while true {
            var napped = false
            while state.pointee.pending.isEmpty && state.pointee.phase == .running {
                if !napped {
                    // A short nap first, without asking to be woken: under a steady stream
                    // the next batch is there when it ends.
                    napped = true
                    _ = lock.wait(workAvailable, until: ConditionLock.now() + Self.napNanoseconds)
                    continue
                }
                if !state.pointee.finished.isEmpty {
                    // Idle: destroy what callers did not take, rather than keep it.
                    swap(&batch, &state.pointee.finished)
                    lock.unlock()
                    batch.removeAll()
                    lock.lock()
                    continue
                }
                state.pointee.writerAsleep = true
                lock.wait(workAvailable)
            }
            state.pointee.writerAsleep = false
            if state.pointee.phase == .abandoned {
                state.pointee.counters.droppedAtShutdown += state.pointee.pending.count
                state.pointee.pending.removeAll()
            }
            if state.pointee.pending.isEmpty && state.pointee.phase != .running { break }
            swap(&batch, &state.pointee.pending)
            state.pointee.pendingBytes = 0
            // With no one waiting, a broadcast is a check of pthread's own count of waiters.
            lock.broadcast(spaceAvailable)
            lock.unlock()

            let count = batch.count
            write(batch, lines: &lines)

            lock.lock()
            state.pointee.counters.written += count
            lock.broadcast(progress)
            if !state.pointee.pending.isEmpty && state.pointee.finished.isEmpty {
                // Behind: callers destroy these records as they queue new ones.
                swap(&batch, &state.pointee.finished)
            } else {
                // Caught up (or callers have not finished the last batch): destroy here.
                lock.unlock()
                batch.removeAll()
                lock.lock()
            }
        }
        swap(&batch, &state.pointee.finished)
        state.pointee.phase = .stopped
        state.pointee.writerThread = nil
        lock.broadcast(progress)
        lock.broadcast(spaceAvailable)
        lock.unlock()
        batch.removeAll()
    }

    /// Writes `records` in order, leaving them in the buffer: to a ``LineWritingSink`` as
    /// lines in writes of about `batchBytes`, else one by one.
    func write(_ records: RecordBuffer, lines: inout LogBuffer) {
        guard let (lineSink, formatter) = lineWriter else {
            records.forEachRecord { sink.write($0) }
            return
        }
        lines.removeAll()
        records.forEachRecord { record in
            formatter.formatLine(record, into: &lines)
            lines.append(UInt8(ascii: "\n"))
            if lines.count >= options.batchBytes {
                lines.withUnsafeBytes { lineSink.writeLines($0) }
                lines.removeAll()
            }
        }
        if !lines.isEmpty { lines.withUnsafeBytes { lineSink.writeLines($0) } }
        // Saturating: `batchBytes` has no upper bound (`.max` means no limit).
        lines.shrink(ifLargerThan: min(options.batchBytes, Int.max / 4) * 4, to: 64 * 1024)
    }
}
