import Hummingbird
import Logbook

/// The route layer: reads the request, calls the service, shapes the response.
struct GreetingRoutes: Sendable {
    private let log = Log("app.http")
    let service: GreetingService

    func register(on router: Router<some RequestContext>) {
        router.get("/") { request, _ in try await index(request) }
    }

    /// `GET /?name=...`: a greeting, composed by the service layer.
    func index(_ request: Request) async throws -> String {
        let name = request.uri.queryParameters.get("name") ?? "world"
        log.info("greeting requested", ["name": name])
        let greeting = try await service.greeting(for: name)
        log.info("greeting ready", ["length": greeting.utf8.count])
        return greeting + "\n"
    }
}
