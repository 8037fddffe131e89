import Logbook

/// A payment gateway client, written the way a library should log: it asks for loggers
/// named after its components and never configures output.
public struct PaymentGateway: Sendable {
    private let log = Log("payments.gateway")
    private let fraud = Log("payments.fraud")

    /// Why a charge was refused.
    public struct Declined: Error, CustomStringConvertible {
        /// The card network's reason.
        public var reason: String
        /// The reason, as logged.
        public var description: String { "declined: \(reason)" }
    }

    /// Creates a client.
    public init() {}

    /// Charges `amount` cents; amounts over 10,000 are declined.
    public func charge(amount: Int, currency: String) throws -> String {
        log.debug("scoring cart", ["amount": amount])
        let score = amount > 10_000 ? 0.92 : 0.08
        fraud.info("fraud score computed", ["score": score])  // quieted by the app below
        guard score < 0.5 else {
            let error = Declined(reason: "fraud score \(score)")
            log.error("charge failed", ["amount": amount, "currency": currency], error: error)
            throw error
        }
        let chargeID = "ch_\(amount)"
        log.info("charge created", ["charge_id": chargeID, "amount": amount, "currency": currency, "captured": true])
        return chargeID
    }
}
