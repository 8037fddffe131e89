import Logbook
import LogbookTesting
import Testing

/// Binding a Lambda invocation through the task-local context, and what may never leak
/// from one invocation into the next.
@Suite struct LambdaInvocationTests {
    @Test(arguments: [
        (
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            "1-5759e988-bd862e3fe1be46a994272793"
        ),
        ("Parent=53995c3f42cd8ad8; Root=1-aa-bb;Sampled=0", "1-aa-bb"),
        ("1-5759e988-bd862e3fe1be46a994272793", "1-5759e988-bd862e3fe1be46a994272793"),
    ])
    func theTraceIDIsTheRootOfTheTraceHeader(header: String, traceID: String) {
        #expect(LambdaInvocation.traceID(fromHeader: header) == traceID)
        #expect(LambdaInvocation(requestID: "r", traceHeader: header).traceID == traceID)
    }

    @Test func anEmptyTraceHeaderGivesNoTraceID() {
        #expect(LambdaInvocation.traceID(fromHeader: "") == nil)
        #expect(LambdaInvocation.traceID(fromHeader: "Root=;Sampled=0") == nil)
        #expect(LambdaInvocation(requestID: "r", traceHeader: nil).traceID == nil)
        #expect(LambdaInvocation(requestID: "r", traceID: "").traceID == nil)
    }

    @Test func theFieldsAreTheRequestIDThenWhatIsKnown() {
        #expect(LambdaInvocation(requestID: "r").fields == ["requestId": "r"])
        #expect(
            LambdaInvocation(requestID: "r", traceID: "t", isColdStart: true).fields
                == ["requestId": "r", "traceId": "t", "cold_start": true])
    }

    @Test func aColdStartIsClaimedOnce() async {
        let coldStart = LambdaColdStart()
        let claims = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { coldStart.claim() } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(claims.filter { $0 }.count == 1)
        #expect(coldStart.claim() == false)
    }

    @Test func theFunctionIsReadFromLambdasVariables() {
        let function = LambdaFunction(environment: [
            "AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
            "AWS_LAMBDA_FUNCTION_VERSION": "7",
        ])
        #expect(function.name == "orders" && function.memorySize == 512 && function.version == "7")
        #expect(function.fields == ["function_name": "orders", "function_memory_size": 512, "function_version": "7"])
        #expect(LambdaFunction(environment: ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "lots"]).fields.isEmpty)
    }

    @Test func everyRecordInsideTheScopeCarriesTheInvocationAndNoneOutside() async {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let log = hierarchy.logger("orders")
        let invocation = LambdaInvocation(requestID: "r-1", traceID: "t-1", isColdStart: true)
        await LogContext.withLambdaInvocation(invocation) {
            log.info("inside")
            await withTaskGroup(of: Void.self) { group in
                group.addTask { hierarchy.logger("orders.child").info("in a child task") }
            }
        }
        LogContext.withLambdaInvocation(LambdaInvocation(requestID: "r-sync")) {
            log.info("sync")
        }
        log.info("after")
        let byMessage = Dictionary(uniqueKeysWithValues: sink.records.map { ($0.message, $0) })
        #expect(byMessage["inside"]?.field("requestId")?.logValue == "r-1")
        #expect(byMessage["inside"]?.field("traceId")?.logValue == "t-1")
        #expect(byMessage["in a child task"]?.field("requestId")?.logValue == "r-1")
        #expect(byMessage["sync"]?.field("requestId")?.logValue == "r-sync")
        #expect(byMessage["sync"]?.field("traceId") == nil)
        #expect(byMessage["after"]?.fieldCount == 0)
    }

    /// Runs `events` through a simulated invocation loop: a fresh request id and trace
    /// header for each, cold start on the first. The handler binds fields of its own in
    /// every way Logbook offers.
    func simulateInvocations(_ events: [String], log: Log) async {
        let coldStart = LambdaColdStart()
        for (index, event) in events.enumerated() {
            let invocation = LambdaInvocation(
                requestID: "request-\(index)-\(event)",
                traceHeader: "Root=1-0000000\(index)-trace\(event);Parent=53995c3f42cd8ad8;Sampled=1",
                isColdStart: coldStart.claim())
            await LogContext.withLambdaInvocation(invocation) {
                log.info("received", ["event": event])
                await LogContext.with(["customer": "customer-of-\(event)", "only_in_\(event)": true]) {
                    let bound = log.with(["handler_step": "charge-\(event)"])
                    bound.info("charging")
                    async let child: Void = bound.debug("child task for \(event)")
                    await child
                    bound.error("failed", error: ChargeError())
                }
                log.info("done")
            }
        }
    }

    @Test func twoConsecutiveInvocationsNeverShareRequestIDsOrFields() async throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        hierarchy.root.level = .trace
        await simulateInvocations(["first", "second"], log: hierarchy.logger("orders"))
        let records = sink.records
        #expect(records.count == 10)

        let first = Array(records.prefix(5))
        let second = Array(records.suffix(5))
        for record in first {
            #expect(record.field("requestId")?.logValue == "request-0-first")
            #expect(record.field("cold_start")?.logValue == true)
        }
        for record in second {
            #expect(record.field("requestId")?.logValue == "request-1-second")
            #expect(record.field("traceId")?.logValue == "1-00000001-tracesecond")
            #expect(record.field("cold_start")?.logValue == false)
            #expect(record.field("only_in_first") == nil)
            for (key, value) in record.mergedFields {
                #expect(!"\(value.logValue)".contains("first"), "\(key) leaked from the first invocation")
            }
        }
        let firstKeys = Set(first.flatMap { $0.mergedFields.map(\.key) })
        let secondKeys = Set(second.flatMap { $0.mergedFields.map(\.key) })
        #expect(firstKeys.symmetricDifference(secondKeys) == ["only_in_first", "only_in_second"])

        // The same, seen through the formatted Lambda JSON lines.
        let parsed = try JSONCheck.parse(sink.lines(formattedBy: LambdaJSONFormatter()))
        let requestIDs = parsed.map { $0.object["requestId"] as? String }
        #expect(
            requestIDs == Array(repeating: "request-0-first", count: 5) + Array(repeating: "request-1-second", count: 5)
        )
        #expect(
            parsed.suffix(5).allSatisfy {
                $0.object["only_in_first"] == nil && $0.object["customer"] as? String != "customer-of-first"
            })
    }

    @Test func concurrentInvocationsKeepTheirOwnRequestIDs() async {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let log = hierarchy.logger("orders")
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    await LogContext.withLambdaInvocation(LambdaInvocation(requestID: "r-\(index)")) {
                        for step in 0..<10 {
                            await Task.yield()
                            log.info("\(index)", ["step": step])
                        }
                    }
                }
            }
        }
        #expect(sink.records.count == 200)
        for record in sink.records {
            #expect(record.field("requestId")?.logValue == .string("r-" + record.message))
        }
    }
}
