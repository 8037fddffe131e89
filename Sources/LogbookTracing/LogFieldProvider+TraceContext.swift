#if DistributedTracing
public import Logbook
import Instrumentation

extension LogFieldProvider {
    /// The current span's trace context as OpenTelemetry names it: `trace_id` (32 lowercase
    /// hex digits), `span_id` (16) and `trace_flags` (2), read for each record from the
    /// task's `ServiceContext`. Register it at bootstrap: `fieldProviders: [.traceContext]`.
    ///
    /// It works with any tracer that propagates W3C Trace Context (swift-otel's default), and
    /// adds no field outside a span, with no instrument, or when the `traceparent` is
    /// malformed or has an all-zero id. See the Tracing guide.
    public static var traceContext: LogFieldProvider {
        LogFieldProvider(name: "traceContext") { TraceParent.current()?.fields ?? LogFields() }
    }
}
#endif
