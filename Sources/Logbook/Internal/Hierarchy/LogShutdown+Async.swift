extension LogShutdown {
    /// Runs `drain` (a shutdown, see ``run(sinks:timeout:actions:)``) on a dedicated
    /// thread, awaited without blocking the cooperative thread pool (a drain waits on
    /// condition variables and in `write(2)`). Runs inline when no thread can be started.
    package static func runOffThePool(_ drain: @escaping @Sendable () -> Bool) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let started = BackgroundThread.start {
                continuation.resume(returning: drain())
            }
            if !started { continuation.resume(returning: drain()) }
        }
    }
}
