import Checkout
import Logbook
import LogbookTesting
import Testing

@Suite("Checkout logging")
struct CheckoutTests {
    @Test func orderIsLogged() async {
        let logs = LogCapture()
        let placed = await logs.capture {
            await Checkout().placeOrder(items: 3, total: 4200)
        }
        #expect(placed)
        logs.expectLogged(level: .info, message: "order placed", fields: ["items": 3, "total": 4200])
        logs.expectLogged(level: .debug, message: "validating cart")  // captured though the root is at info
        logs.expectNotLogged(level: .warning)
    }

    @Test func emptyCartIsRejected() async {
        let logs = LogCapture(level: .warning)  // keep warnings and worse only
        await logs.capture {
            _ = await Checkout().placeOrder(items: 0, total: 0)
        }
        logs.expectLogged(level: .warning, message: "empty cart rejected")
        #expect(logs.records.count == 1)
    }

    @Test func requestContextIsCarried() async {
        let logs = LogCapture()
        await logs.capture {
            await LogContext.with(["request_id": "r-1"]) {
                _ = await Checkout().placeOrder(items: 1, total: 100)
            }
        }
        logs.expectLogged(message: "order placed", fields: ["request_id": "r-1"])
    }

    // Twenty of these run at the same time, all logging through Log("checkout"):
    // each capture holds its own test's records and nothing else.
    @Test(arguments: 1...20)
    func parallelTestsDoNotMix(items: Int) async {
        let logs = LogCapture()
        await logs.capture {
            _ = await Checkout().placeOrder(items: items, total: items * 100)
        }
        #expect(logs.messages == ["validating cart", "order placed"])
        #expect(logs.records.allSatisfy { $0.field("items")?.logValue == .int(items) })
    }

    @Test func loggingSetup() async throws {
        try await withScopedLogBootstrap {
            try LoggingSetup.configure()  // calls Log.bootstrap, as main does
            #expect(Log("checkout").effectiveLevel == .debug)
            #expect(Log("chatty.dependency.client").effectiveLevel == .warning)
        }
        // Put back as it was: no bootstrap, the root at its default level.
        #expect(Log("checkout").effectiveLevel == .info)
    }
}
