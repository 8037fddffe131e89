// The reader's code that the DocC article GettingStarted.md refers to. Compiled by
// Documentation/check-snippets.py.
import Logbook

func placeOrder() async {}
