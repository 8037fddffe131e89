#if ServiceLifecycle
public import Logbook
public import ServiceLifecycle

/// A swift-service-lifecycle `Service` that drains Logbook's sinks when the service group
/// shuts down. Put it **first** in the group's services: a `ServiceGroup` stops its
/// services in reverse order, so the first one stops last, after every other service has
/// logged its final records.
///
/// ```swift
/// let setup = try Log.bootstrap(level: .info, sinks: [AsyncSink(try FileSink(path: "app.log"))])
/// let group = ServiceGroup(services: [LogbookService(setup), server], gracefulShutdownSignals: [.sigterm, .sigint])
/// try await group.run()
/// ```
public struct LogbookService: Service {
    let setup: LogSetup
    let timeout: Duration?

    /// A service that drains `setup`'s sinks within `timeout` (`nil`: ``LogSetup/shutdownTimeout``)
    /// when the group shuts down.
    public init(_ setup: LogSetup, timeout: Duration? = nil) {
        self.setup = setup
        self.timeout = timeout
    }

    /// Waits for graceful shutdown or cancellation, then does what ``LogSetup/shutdown(timeout:)``
    /// does, on a dedicated thread so the cooperative thread pool is never blocked. Never throws.
    public func run() async throws {
        // Throws only on cancellation, which ends the wait as graceful shutdown does.
        try? await gracefulShutdown()
        _ = await setup.shutdownOffThePool(timeout: timeout)
    }
}
#endif
