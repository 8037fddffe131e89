import Logbook

struct Boom: Error { var code = 7 }
let log = Log("payments.gateway")
log.warning("before bootstrap \"quoted\"", ["k": 1])
log.info("dropped before bootstrap")
try Log.bootstrap(
    level: .debug, sinks: [StreamSink(.standardOutput), StreamSink(.standardError, formatter: ConsoleFormatter())])
log.info(
    "charge created",
    [
        "amount": 42, "currency": "EUR", "captured": true, "ratio": 0.25, "tags": ["a", "b"], "level": "x",
        "nan": Double.nan, "nested": ["a": 1, "b": [true, LogValue.null] as LogValue] as LogValue,
    ])
LogContext.with(["request_id": "r-42", "user_id": "u-7"]) {
    log.with(["component": "refunds"]).error(
        "charge failed\nline2 \u{2028} \u{1}", ["user_id": "override"], error: Boom())
}
do { try Log.bootstrap(level: .info, sinks: []) } catch { print(error) }
