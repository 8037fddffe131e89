// The reader's code that the README's tour refers to. Compiled with the tour by
// Documentation/check-snippets.py; never shown to readers.
import Logbook

struct Request: Sendable {}
struct ChargeError: Error {}

let amount = 42
let request = Request()
let error: any Error = ChargeError()
func expensiveDescription() -> String { "3 items" }
func handle(_ request: Request) async {}
