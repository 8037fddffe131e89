// The reader's code that the DocC landing page's snippet refers to. Compiled by
// Documentation/check-snippets.py.
import Logbook

struct Request: Sendable {}

let request = Request()
func handle(_ request: Request) async {}
