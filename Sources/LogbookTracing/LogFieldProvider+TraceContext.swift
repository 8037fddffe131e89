#if DistributedTracing
public import Logbook
import Instrumentation

extension LogFieldProvider {
    /// The current span's trace context as OpenTelemetry names it: `trace_id` (32 lowercase
    /// hex digits), `span_id` (16) and `trace_flags` (2), read for each record from the
    /// task's `ServiceContext`.
    ///
    /// ```swift
    /// try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput)], fieldProviders: [.traceContext])
    /// ```
    ///
    /// It asks the bootstrapped instrument (`InstrumentationSystem.instrument`, such as
    /// swift-otel's tracer) to inject the task's `ServiceContext.current` as W3C Trace
    /// Context and reads the `traceparent` it writes, so it works with any tracer that
    /// propagates W3C trace context (swift-otel's default). Outside a span, with no
    /// instrument, or when the `traceparent` is malformed or has an all-zero id, it adds no
    /// field. Each formatter writes the three fields under its backend's keys (see the
    /// Formats guide).
    public static var traceContext: LogFieldProvider {
        LogFieldProvider(name: "traceContext") { TraceParent.current()?.fields ?? LogFields() }
    }
}
#endif
