import Hummingbird

/// An order as the API returns it.
struct Order: ResponseCodable, Equatable, Sendable {
    var id: String
    var userID: String
    var item: String
    var quantity: Int
}

/// The body of `POST /orders`.
struct OrderDraft: Decodable, Sendable {
    var item: String
    var quantity: Int
}

/// A payment made for an order.
struct Payment: Codable, Sendable {
    var id: String
    var amountCents: Int
}

/// A shipment of an order.
struct Shipment: Codable, Sendable {
    var id: String
    var carrier: String
}

/// `GET /orders/{id}/summary`: an order with its payments and shipments, loaded concurrently.
struct OrderSummary: ResponseCodable, Sendable {
    var order: Order
    var payments: [Payment]
    var shipments: [Shipment]
}

/// `GET /orders`: the caller's orders, loaded concurrently.
struct OrderList: ResponseCodable, Sendable {
    var orders: [Order]
}

/// Why the service could not do what was asked.
enum OrderError: Error, CustomStringConvertible {
    case notFound(id: String)
    case invalidQuantity(Int)

    var description: String {
        switch self {
        case .notFound(let id): "no order with id \(id)"
        case .invalidQuantity(let quantity): "quantity must be 1...100, got \(quantity)"
        }
    }
}
