import Logbook

/// Places orders, logging what it does. A stand-in for any code you want to test.
public struct Checkout: Sendable {
    private static let log = Log("checkout")

    public init() {}

    /// Places an order; returns whether it was accepted.
    public func placeOrder(items: Int, total: Int) async -> Bool {
        Self.log.debug("validating cart", ["items": items])
        guard items > 0 else {
            Self.log.warning("empty cart rejected")
            return false
        }
        await Task.yield()
        Self.log.info("order placed", ["items": items, "total": total])
        return true
    }
}
