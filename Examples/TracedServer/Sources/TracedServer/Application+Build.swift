import Hummingbird
import Logbook
import Logging
import NIOCore

/// Where the server listens.
struct ServerSettings: Sendable {
    var host = "127.0.0.1"
    var port = 8080
}

/// Builds the application: router, middleware, layers.
///
/// The order of the middlewares matters: the first one added is the outermost.
/// `TracingMiddleware` starts the request's span (a child of the incoming `traceparent`)
/// around everything after it, so every record of the request, `RequestIDMiddleware`'s
/// and Hummingbird's `Request` record included, is logged inside the span and carries its
/// ids. `RequestIDMiddleware` binds `request_id` around the rest.
func buildApplication(_ settings: ServerSettings, hummingbirdLogger: Logging.Logger) -> some ApplicationProtocol {
    let router = Router()
    router.middlewares.add(TracingMiddleware())
    router.middlewares.add(RequestIDMiddleware())
    router.middlewares.add(LogRequestsMiddleware(.info))
    GreetingRoutes(service: GreetingService()).register(on: router)
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
