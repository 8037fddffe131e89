import Logbook
import Synchronization

/// The storage layer. A stand-in for a database: it answers after a short random delay so
/// concurrent requests interleave, and it logs through its own logger. It knows nothing
/// about requests, yet every record it writes carries the request's `request_id` and
/// `user_id`, because the context travels with the task.
final class OrderRepository: Sendable {
    private let log = Log("app.orders.repository")
    private let created = Mutex<[String: Order]>([:])

    /// The order with `id`. Ids starting with `missing` do not exist; any other id is an
    /// order of `userID`'s, made up on the spot unless it was created through the API.
    func find(id: String, userID: String) async throws -> Order? {
        try await simulatedLatency()
        if let order = created.withLock({ $0[id] }) {
            log.debug("order row read", ["order_id": id, "source": "created"])
            return order
        }
        guard !id.hasPrefix("missing") else {
            log.debug("order row absent", ["order_id": id])
            return nil
        }
        log.debug("order row read", ["order_id": id, "source": "generated"])
        return Order(id: id, userID: userID, item: "item-\(id.utf8.count)", quantity: 1 + id.utf8.count % 5)
    }

    /// The ids of `userID`'s orders: three, derived from the user id.
    func orderIDs(ofUser userID: String) async throws -> [String] {
        try await simulatedLatency()
        let ids = (1...3).map { "\(userID)-o\($0)" }
        log.debug("order ids listed", ["count": ids.count])
        return ids
    }

    func payments(ofOrder id: String) async throws -> [Payment] {
        try await simulatedLatency()
        log.debug("payment rows read", ["order_id": id, "rows": 1])
        return [Payment(id: "\(id)-p1", amountCents: 4_200)]
    }

    func shipments(ofOrder id: String) async throws -> [Shipment] {
        try await simulatedLatency()
        log.debug("shipment rows read", ["order_id": id, "rows": 1])
        return [Shipment(id: "\(id)-s1", carrier: "postal")]
    }

    func insert(_ order: Order) async throws {
        log.debug("order row inserting", ["order_id": order.id, "quantity": order.quantity])
        try await simulatedLatency()
        created.withLock { $0[order.id] = order }
        log.info("order row inserted", ["order_id": order.id])
    }

    private func simulatedLatency() async throws {
        try await Task.sleep(for: .microseconds(Int.random(in: 200...3_000)))
    }
}
