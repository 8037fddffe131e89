import Logbook
import LogbookSwiftLog
import Logging

// One line: Logbook's output, and every swift-log Logger routed into it.
try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])
    .bridgingSwiftLog()

// A dependency that logs through swift-log, as Hummingbird or AsyncHTTPClient do.
let database = Logger(label: "com.example.db")

LogContext.with(["request_id": "r-42"]) {
    Log("app").info("handling request")
    database.info("query", metadata: ["rows": .stringConvertible(3)])
}

// The label is a node of the Logbook hierarchy, so its levels apply to swift-log's records.
Log("com.example").level = .warning
database.info("quieted through the Logbook hierarchy")
database.warning("slow query", metadata: ["ms": .stringConvertible(1250)])
