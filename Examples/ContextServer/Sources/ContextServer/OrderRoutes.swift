import Hummingbird
import Logbook

/// The route layer: parses the request, calls the service, shapes the response.
struct OrderRoutes: Sendable {
    private let log = Log("app.http")
    let service: OrderService

    func register(on router: Router<AppRequestContext>) {
        router.get("/health") { _, _ in "ok" }
        router.get("/orders", use: list)
        router.post("/orders", use: create)
        router.get("/orders/{id}", use: show)
        router.get("/orders/{id}/summary", use: summary)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Order {
        let id = try context.parameters.require("id")
        log.info("route matched", ["route": "GET /orders/{id}", "order_id": id])
        return try await mapErrors { try await service.order(id: id, userID: context.userID) }
    }

    @Sendable func summary(_ request: Request, context: AppRequestContext) async throws -> OrderSummary {
        let id = try context.parameters.require("id")
        log.info("route matched", ["route": "GET /orders/{id}/summary", "order_id": id])
        return try await mapErrors { try await service.summary(id: id, userID: context.userID) }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> OrderList {
        log.info("route matched", ["route": "GET /orders"])
        return try await mapErrors { OrderList(orders: try await service.orders(ofUser: context.userID)) }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Order> {
        log.info("route matched", ["route": "POST /orders"])
        let draft = try await request.decode(as: OrderDraft.self, context: context)
        let orderID = "ord-" + String(UInt64.random(in: .min ... .max), radix: 36)
        let order = try await mapErrors {
            try await service.create(draft, userID: context.userID, orderID: orderID)
        }
        return EditedResponse(status: .created, response: order)
    }

    /// Turns the service's errors into HTTP errors.
    private func mapErrors<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as OrderError {
            switch error {
            case .notFound: throw HTTPError(.notFound, message: error.description)
            case .invalidQuantity: throw HTTPError(.badRequest, message: error.description)
            }
        }
    }
}
