import Hummingbird

/// The per-request values the handlers need. Application data travels here, explicitly;
/// log fields travel in the task-local `LogContext`, so no layer has to pass them on.
struct AppRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The `X-Request-Id` header, or an id generated for the request.
    var requestID = ""
    /// The `X-User-Id` header, or `anonymous`.
    var userID = "anonymous"

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }
}
