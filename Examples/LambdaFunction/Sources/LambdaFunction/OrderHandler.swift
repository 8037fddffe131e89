import Foundation
import Logbook

/// The function's handler: takes one order event, logs what it does, returns a reply.
///
/// It never mentions the request id: the invocation loop binds it, and every record
/// created here, by any logger, carries it.
struct OrderHandler {
    let log = Log("orders")
    let payments = Log("orders.payments")

    enum ChargeError: Error, CustomStringConvertible {
        case declined(amount: Double)

        var description: String {
            switch self {
            case .declined(let amount): "card declined for amount \(amount)"
            }
        }
    }

    func handle(_ event: String) async -> String {
        log.debug("event received", ["bytes": event.utf8.count])
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any],
            let orderID = object["order_id"] as? Int
        else {
            log.error("invalid event", ["event": event])
            return #"{"status":"rejected"}"#
        }
        let customer = object["customer"] as? String ?? "unknown"
        let items = object["items"] as? Int ?? 0
        let amount = object["amount"] as? Double ?? 0

        // Bound for the rest of this invocation only; the next one never sees them.
        return await LogContext.with(["order_id": orderID, "customer": customer]) {
            if items == 0 {
                log.warning("empty order", ["items": items])
                return #"{"status":"empty"}"#
            }
            payments.debug("authorizing", ["amount": amount])
            do {
                try await charge(amount)
            } catch {
                log.error("charge failed:\n  no retry for declined cards\n  customer notified", error: error)
                return #"{"status":"declined"}"#
            }
            log.info("order accepted", ["amount": amount, "items": items])
            return #"{"status":"accepted"}"#
        }
    }

    private func charge(_ amount: Double) async throws {
        if amount < 0 { throw ChargeError.declined(amount: amount) }
        payments.trace("charged", ["amount": amount])
    }
}
