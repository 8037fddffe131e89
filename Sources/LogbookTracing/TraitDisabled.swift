#if !DistributedTracing
public import Logbook

extension LogFieldProvider {
    /// Unavailable: enable the `DistributedTracing` package trait to read the trace context.
    /// Without it this module has only this marker and the package depends on nothing.
    @available(
        *, unavailable, message: "enable the DistributedTracing trait: .package(..., traits: [\"DistributedTracing\"])"
    )
    public static var traceContext: LogFieldProvider { fatalError("unavailable") }
}
#endif
