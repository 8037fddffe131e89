import Logbook

/// The business layer, with its own logger. It takes plain values, not requests: the
/// request's fields reach its records through the task-local context.
struct OrderService: Sendable {
    private let log = Log("app.orders.service")
    let repository: OrderRepository
    let audit: AuditTrail

    func order(id: String, userID: String) async throws -> Order {
        log.info("loading order", ["order_id": id])
        guard let order = try await repository.find(id: id, userID: userID) else {
            log.warning("order not found", ["order_id": id])
            throw OrderError.notFound(id: id)
        }
        return order
    }

    /// Loads the order, its payments and its shipments in three child tasks (`async let`).
    /// The children inherit the context, including the `order_id` bound here.
    func summary(id: String, userID: String) async throws -> OrderSummary {
        try await LogContext.with(["order_id": id]) {
            log.info("assembling summary")
            async let order = part("order") { try await self.order(id: id, userID: userID) }
            async let payments = part("payments") { try await repository.payments(ofOrder: id) }
            async let shipments = part("shipments") { try await repository.shipments(ofOrder: id) }
            let summary = try await OrderSummary(order: order, payments: payments, shipments: shipments)
            log.info("summary assembled", ["payments": summary.payments.count, "shipments": summary.shipments.count])
            return summary
        }
    }

    /// Loads every order of the user concurrently, one child task each (a task group).
    func orders(ofUser userID: String) async throws -> [Order] {
        let ids = try await repository.orderIDs(ofUser: userID)
        log.info("loading orders", ["count": ids.count])
        let orders = try await withThrowingTaskGroup(of: Order.self) { group in
            for id in ids {
                group.addTask {
                    let order = try await self.order(id: id, userID: userID)
                    log.debug("child task finished", ["fan_out": "task_group", "order_id": id])
                    return order
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        return orders.sorted { $0.id < $1.id }
    }

    func create(_ draft: OrderDraft, userID: String, orderID: String) async throws -> Order {
        guard (1...100).contains(draft.quantity) else {
            log.warning("rejected order", ["quantity": draft.quantity])
            throw OrderError.invalidQuantity(draft.quantity)
        }
        let order = Order(id: orderID, userID: userID, item: draft.item, quantity: draft.quantity)
        try await repository.insert(order)
        await audit.record("order.created", orderID: order.id)
        log.info("order created", ["order_id": order.id, "quantity": order.quantity])
        return order
    }

    /// Runs one part of a fan-out and logs from inside the child task.
    private func part<Value: Sendable>(_ name: String, _ load: () async throws -> Value) async throws -> Value {
        let value = try await load()
        log.debug("child task finished", ["fan_out": "async_let", "part": name])
        return value
    }
}
