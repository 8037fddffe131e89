#if !DistributedTracing
public import Logbook

extension LogFieldProvider {
    /// Unavailable: enable the `DistributedTracing` package trait to read the current
    /// trace context.
    ///
    /// Without the trait this module is empty apart from this marker, and the package
    /// depends on nothing. Enable it where you depend on Logbook:
    /// `.package(url: ..., from: ..., traits: ["DistributedTracing"])`.
    @available(
        *, unavailable, message: "enable the DistributedTracing trait: .package(..., traits: [\"DistributedTracing\"])"
    )
    public static var traceContext: LogFieldProvider { fatalError("unavailable") }
}
#endif
