import CBenchSupport
import Logbook
import Logging

/// Scenario 6: binding three context fields around a request, as middleware does:
/// `LogContext.with` against swift-log's `withLogger(mergingMetadata:)`, both with a
/// body that does nothing.
enum ContextBindingScenarios {
    static func all() -> [Scenario] {
        let logger = Logger(label: "bench.bind", factory: { _ in DiscardingLogHandler() })
        let target = Target(criteria: [.ratioAtMost(1.0)], text: "<= 1.0x")
        return [
            Scenario(
                id: "bind.context3",
                title: "6. bind 3 context fields (sync)",
                logbook: { iterations in
                    for _ in 0..<iterations {
                        LogContext.with([
                            "request_id": "r-5f3a9c", "user_id": "u-1042", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
                        ]) {
                            bench_blackhole(nil)
                        }
                    }
                },
                peer: { iterations in
                    withLogger(logger) { _ in
                        for _ in 0..<iterations {
                            withLogger(mergingMetadata: [
                                "request_id": "r-5f3a9c", "user_id": "u-1042",
                                "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
                            ]) { _ in
                                bench_blackhole(nil)
                            }
                        }
                    }
                },
                target: target),
            Scenario(
                id: "bind.context3.async",
                title: "6. bind 3 context fields (async)",
                logbook: { iterations in
                    for _ in 0..<iterations {
                        await LogContext.with([
                            "request_id": "r-5f3a9c", "user_id": "u-1042", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
                        ]) {
                            await requestBody()
                        }
                    }
                },
                peer: { iterations in
                    await withLogger(logger) { _ in
                        for _ in 0..<iterations {
                            await withLogger(mergingMetadata: [
                                "request_id": "r-5f3a9c", "user_id": "u-1042",
                                "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
                            ]) { _ in
                                await requestBody()
                            }
                        }
                    }
                },
                target: target,
                peerRunsUnderValgrind: false),
        ]
    }

    /// Stands in for the request handler.
    @inline(never)
    static func requestBody() async {
        bench_blackhole(nil)
    }
}
