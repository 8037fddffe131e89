import Checkout
import LogbookTesting
import XCTest

// Under XCTest, assert on `contains` and print the capture when it fails.
final class CheckoutXCTests: XCTestCase {
    func testOrderIsLogged() async {
        let logs = LogCapture()
        _ = await logs.capture {
            await Checkout().placeOrder(items: 2, total: 10)
        }
        XCTAssertTrue(logs.contains(level: .info, message: "order placed", fields: ["items": 2]), "\(logs)")
        XCTAssertFalse(logs.contains(level: .warning), "\(logs)")
    }
}
