// The reader's code that Documentation/GettingStarted.md's snippets refer to. Compiled by
// Documentation/check-snippets.py.
import Logbook

func placeOrder() async {}
