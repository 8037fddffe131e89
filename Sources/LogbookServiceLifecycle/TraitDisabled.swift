#if !ServiceLifecycle
/// Unavailable: enable the `ServiceLifecycle` package trait to use the service.
/// Without it this module has only this marker and the package depends on nothing.
@available(*, unavailable, message: "enable the ServiceLifecycle trait: .package(..., traits: [\"ServiceLifecycle\"])")
public struct LogbookService {}
#endif
