import Hummingbird
import Logbook
import Logging
import NIOCore

/// Where the server listens.
struct ServerSettings: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    /// The token `X-Debug-Token` must equal for `X-Log-Level` to apply; `nil` ignores it.
    var debugToken: String?
}

/// Builds the whole application: router, middleware, layers and the Hummingbird app.
///
/// `hummingbirdLogger` is the swift-log `Logger` Hummingbird writes its own records to:
/// server start and shutdown, and, per request, the `Request` record of its
/// `LogRequestsMiddleware` through `context.logger`. `main` passes one whose handler is the
/// Logbook bridge, so they come out in the same JSON stream.
///
/// The order of the middlewares matters: the first one added is the outermost.
/// `RequestContextMiddleware` binds `request_id` and `user_id` around everything after it,
/// so `LogRequestsMiddleware`, added after it, logs inside that scope and its records carry
/// the request's context. Added first, it would log before the context exists.
/// `DebugLevelMiddleware` comes second, so a request's lowered level covers everything
/// below it, Hummingbird's `Request` record included.
func buildApplication(
    _ settings: ServerSettings,
    hummingbirdLogger: Logging.Logger
) -> some ApplicationProtocol {
    let service = OrderService(repository: OrderRepository(), audit: AuditTrail())
    let router = Router(context: AppRequestContext.self)
    router.middlewares.add(RequestContextMiddleware())
    router.middlewares.add(DebugLevelMiddleware(token: settings.debugToken))
    router.middlewares.add(LogRequestsMiddleware(.info))
    OrderRoutes(service: service).register(on: router)
    let lifecycle = Log("app")
    return Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port)),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? settings.port
            lifecycle.info("server started", ["host": settings.host, "port": port])
        },
        logger: hummingbirdLogger
    )
}
