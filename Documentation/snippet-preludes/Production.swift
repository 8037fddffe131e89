// The reader's code that Documentation/Production.md's snippets refer to. Compiled by
// Documentation/check-snippets.py.
import Logbook

/// The file sink set up at the start of the guide.
let file = try! FileSink(path: "/var/log/payments/app.log")

/// The syslog sink set up in the guide's Syslog section.
let syslog = try! SyslogSink(.tcp(host: "127.0.0.1", port: 514))

/// The application's own work, in the signal handling example.
func runApplication() async throws {}
