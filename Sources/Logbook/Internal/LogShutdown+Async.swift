extension LogShutdown {
    /// ``run(sinks:timeout:)`` on a dedicated thread, awaited without blocking the
    /// cooperative thread pool (the drain waits on condition variables and in `write(2)`).
    /// Runs inline when no thread can be started.
    package static func runOffThePool(sinks: [any LogSink], timeout: Duration) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let started = BackgroundThread.start {
                continuation.resume(returning: run(sinks: sinks, timeout: timeout))
            }
            if !started { continuation.resume(returning: run(sinks: sinks, timeout: timeout)) }
        }
    }
}
