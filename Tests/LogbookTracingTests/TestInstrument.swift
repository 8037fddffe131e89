#if DistributedTracing
import Instrumentation

/// The `traceparent` a test binds in its `ServiceContext`, which ``TestInstrument`` injects.
enum TestTraceParentKey: ServiceContextKey {
    typealias Value = String
}

/// An instrument that propagates W3C trace context the way swift-otel's does: `inject`
/// writes the context's `traceparent` (and a `tracestate`, which the provider must ignore).
struct TestInstrument: Instrument {
    func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract
    ) where Extract.Carrier == Carrier {
        context[TestTraceParentKey.self] = extractor.extract(key: "traceparent", from: carrier)
    }

    func inject<Carrier, Inject: Injector>(
        _ context: ServiceContext, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let traceparent = context[TestTraceParentKey.self] else { return }
        injector.inject("vendor=1", forKey: "tracestate", into: &carrier)
        injector.inject(traceparent, forKey: "traceparent", into: &carrier)
    }

    /// Bootstraps the process-wide instrument once (swift-distributed-tracing allows one
    /// bootstrap per process); every test that reads the trace context calls it first.
    static let installed: Void = InstrumentationSystem.bootstrap(TestInstrument())

    /// A service context carrying `traceparent`, with the test instrument installed.
    static func context(_ traceparent: String) -> ServiceContext {
        _ = installed
        var context = ServiceContext.topLevel
        context[TestTraceParentKey.self] = traceparent
        return context
    }

    /// Runs `body` with `traceparent` in the task's service context.
    static func withTraceParent<Result>(_ traceparent: String, _ body: () throws -> Result) rethrows -> Result {
        try ServiceContext.withValue(context(traceparent), operation: body)
    }
}
#endif
