#if !ServiceLifecycle
/// Unavailable: enable the `ServiceLifecycle` package trait to use the service.
///
/// Without the trait this module is empty apart from this marker, and the package
/// depends on nothing. Enable it where you depend on Logbook:
/// `.package(url: ..., from: ..., traits: ["ServiceLifecycle"])`.
@available(*, unavailable, message: "enable the ServiceLifecycle trait: .package(..., traits: [\"ServiceLifecycle\"])")
public struct LogbookService {}
#endif
