import Hummingbird
import Logbook
import Logging
import NIOCore

/// Where the server listens.
struct ServerSettings: Sendable {
    var host = "127.0.0.1"
    var port = 8080
}

/// Builds the whole application: router, middleware, layers and the Hummingbird app.
///
/// `hummingbirdLogger` is the swift-log `Logger` Hummingbird writes its own records to
/// (server start, connection errors). It is a parameter so that a swift-log bridge can
/// route those records into Logbook without touching anything else here.
func buildApplication(
    _ settings: ServerSettings,
    hummingbirdLogger: Logging.Logger
) -> some ApplicationProtocol {
    let service = OrderService(repository: OrderRepository(), audit: AuditTrail())
    let router = Router(context: AppRequestContext.self)
    router.middlewares.add(RequestContextMiddleware())
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
