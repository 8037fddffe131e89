// The reader's code that Documentation/Context.md's snippets refer to. Its imports apply
// to every snippet of the guide. Compiled by Documentation/check-snippets.py.
import Logbook
import Foundation
import LogbookTesting
import Testing

struct Request: Sendable {}
struct Order: Sendable {}
struct Item: Sendable { var id: String }

struct OrderRepository: Sendable {
    func find(id: String) async throws -> Order { Order() }
}

struct Service: Sendable {
    func run() async {}
}

let log = Log("app.orders")
let request = Request()
let repository = OrderRepository()
let service = Service()
let queue = DispatchQueue(label: "app.work")
let ids = ["o-1", "o-2"]
let items = [Item(id: "i-1")]
let requestID = "r-42"
let userID = "u-7"

func handle(_ request: Request) async {}
func loadPayments() async -> [String] { [] }
func loadShipments() async -> [String] { [] }
func load(_ id: String) async {}
func process(_ item: Item) async {}
func warmCache() async {}
func rebuildIndex() async {}
