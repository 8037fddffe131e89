// The reader's code that the DocC article Lambda.md refers to. Compiled by
// Documentation/check-snippets.py.
import Logbook

func process(orderID: Int) async throws {}
