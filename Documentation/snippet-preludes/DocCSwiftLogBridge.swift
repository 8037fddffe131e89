// Imports for the snippets of the DocC article SwiftLogBridge.md.
import Logbook
import LogbookSwiftLog
