import Logbook
import PaymentsKit

// 1. One explicit bootstrap: JSON lines on standard output, root level info.
let setup = try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])

// 2. Tune the hierarchy per subtree: more detail from payments, less from its fraud scorer.
Log("payments").level = .debug
Log("payments.fraud").level = .warning

let log = Log("shop.checkout")
log.notice("logging configured", ["setup": "\(setup)"])

// 3. Bind request context once; every record below carries it, from any logger.
let gateway = PaymentGateway()
for (requestID, amount) in [("r-1", 4_200), ("r-2", 25_000)] {
    LogContext.with(["request_id": requestID, "user_id": "u-7"]) {
        let checkout = log.with(["cart_items": 3])  // fields bound to a logger value
        do {
            let chargeID = try gateway.charge(amount: amount, currency: "EUR")
            checkout.info("order placed", ["charge_id": chargeID])
        } catch {
            checkout.warning("order rejected", error: error)
        }
    }
}
