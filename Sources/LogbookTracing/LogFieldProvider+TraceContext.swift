#if DistributedTracing
public import Logbook
import Instrumentation

extension LogFieldProvider {
    /// The current span's trace context as OpenTelemetry names it: `trace_id` (32 lowercase
    /// hex digits), `span_id` (16) and `trace_flags` (2), read for each record from the
    /// task's `ServiceContext` through W3C Trace Context propagation (swift-otel's default).
    /// Register it at bootstrap, `fieldProviders: [.traceContext]`; the Tracing guide says
    /// when it adds nothing.
    public static var traceContext: LogFieldProvider {
        LogFieldProvider(name: "traceContext") { TraceParent.current()?.fields ?? LogFields() }
    }
}
#endif
