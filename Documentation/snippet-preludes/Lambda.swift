// The reader's code that Documentation/Lambda.md's snippets refer to. Compiled by
// Documentation/check-snippets.py.
import Logbook

struct Event: Sendable { var orderID: Int }
struct Response: Sendable {}

func process(_ event: Event) async throws -> Response { Response() }
