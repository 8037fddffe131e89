// The reader's code that Documentation/HierarchyAndLevels.md's snippets refer to.
// Compiled by Documentation/check-snippets.py.
import Logbook

/// The audit trail's own sink.
let auditFileSink = StreamSink(.standardError)
