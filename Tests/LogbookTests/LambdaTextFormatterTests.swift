import Logbook
import Testing

/// Golden lines for Lambda's text format: `[LEVEL]\t<time>Z\t<request id>\t<message>`.
@Suite struct LambdaTextFormatterTests {
    let formatter = LambdaTextFormatter()

    @Test(arguments: [
        (LogLevel.trace, "TRACE"), (.debug, "DEBUG"), (.info, "INFO"), (.notice, "NOTICE"),
        (.warning, "WARNING"), (.error, "ERROR"), (.critical, "CRITICAL"),
    ])
    func everyLevel(level: LogLevel, name: String) {
        let line = formatter.format(fixedRecord(level, context: invocationContext()))
        #expect(line == "[\(name)]\t2024-08-06T11:54:56.789Z\t79b4f56e-95b1-4643-9700-2807f4e68189\tHello from Lambda!")
    }

    @Test func matchesTheRuntimeExampleByteForByte() {
        var buffer = LogBuffer()
        formatter.format(fixedRecord(context: invocationContext()), into: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        #expect(
            buffer.bytes
                == Array(
                    "[INFO]\t2024-08-06T11:54:56.789Z\t79b4f56e-95b1-4643-9700-2807f4e68189\tHello from Lambda!\n".utf8)
        )
    }

    @Test func outsideAnInvocationTheRequestIDIsEmpty() {
        #expect(formatter.format(fixedRecord()) == "[INFO]\t2024-08-06T11:54:56.789Z\t\tHello from Lambda!")
    }

    @Test func anEmptyRequestIDLeavesTwoAdjacentTabs() {
        let line = formatter.format(fixedRecord(context: invocationContext(requestID: "")))
        #expect(line == "[INFO]\t2024-08-06T11:54:56.789Z\t\tHello from Lambda!")
    }

    @Test func lineFeedsInTheMessageBecomeCarriageReturns() {
        let line = formatter.format(
            fixedRecord(.error, "Traceback:\n  frame one\n  frame two", context: invocationContext()))
        #expect(line == "[ERROR]\t2024-08-06T11:54:56.789Z\t\(fixedRequestID)\tTraceback:\r  frame one\r  frame two")
        #expect(!line.contains("\n"))
    }

    @Test func tabsInTheMessageStayButTabsAndNewlinesInTheRequestIDDoNot() {
        let line = formatter.format(fixedRecord(.info, "a\tb", context: invocationContext(requestID: "r\t1\n2")))
        #expect(line == "[INFO]\t2024-08-06T11:54:56.789Z\tr 1 2\ta\tb")
    }

    @Test func unicodeIsWrittenAsIs() {
        let line = formatter.format(fixedRecord(.info, "Grüße aus Zürich 🌍 — naïve", context: invocationContext()))
        #expect(line == "[INFO]\t2024-08-06T11:54:56.789Z\t\(fixedRequestID)\tGrüße aus Zürich 🌍 — naïve")
    }

    @Test func anErrorIsAppendedAsLogfmt() {
        let line = formatter.format(
            fixedRecord(.error, "charge failed", context: invocationContext(), error: ChargeError()))
        #expect(
            line
                == "[ERROR]\t2024-08-06T11:54:56.789Z\t\(fixedRequestID)\tcharge failed "
                + "error.type=LogbookTests.ChargeError error.message=\"card declined\"")
    }

    @Test func fieldsFollowTheMessageByDefaultWithoutTheInvocationIDs() {
        let context = LogContext(
            LambdaInvocation(requestID: fixedRequestID, traceID: fixedTraceID, isColdStart: true).fields)
        let line = formatter.format(
            fixedRecord(
                fields: ["order_id": 42, "customer": "ada lovelace", "tags": ["a", "b"], "ok": true],
                context: context))
        #expect(
            line
                == "[INFO]\t2024-08-06T11:54:56.789Z\t\(fixedRequestID)\tHello from Lambda! "
                + "order_id=42 customer=\"ada lovelace\" tags.0=a tags.1=b ok=true cold_start=true")
    }

    @Test func staticFieldsNamedLikeTheInvocationIDsAreWrittenAsFields() {
        // Only the record's requestId and traceId are left out (the first goes in the header).
        let withIDs = LambdaTextFormatter(staticFields: ["requestId": "static-r", "traceId": "static-t", "n": 0])
        let line = withIDs.format(fixedRecord(fields: ["m": 1]))
        #expect(
            line == "[INFO]\t2024-08-06T11:54:56.789Z\t\tHello from Lambda! requestId=static-r traceId=static-t n=0 m=1"
        )
    }

    @Test func fieldsCanBeLeftOutButTheErrorStays() {
        let plain = LambdaTextFormatter(appendsFields: false)
        let line = plain.format(
            fixedRecord(.error, "failed", fields: ["order_id": 42], context: invocationContext(), error: ChargeError()))
        #expect(
            line
                == "[ERROR]\t2024-08-06T11:54:56.789Z\t\(fixedRequestID)\tfailed "
                + "error.type=LogbookTests.ChargeError error.message=\"card declined\"")
    }

    @Test func staticFieldsComeBeforeRecordFieldsAndLoseToThem() {
        let withFunction = LambdaTextFormatter(staticFields: ["function_name": "orders", "region": "eu-west-1"])
        let line = withFunction.format(fixedRecord(fields: ["region": "us-east-1"], context: invocationContext()))
        #expect(
            line
                == "[INFO]\t2024-08-06T11:54:56.789Z\t\(fixedRequestID)\tHello from Lambda! "
                + "function_name=orders region=us-east-1")
    }

    @Test func aFieldNamedLikeTheErrorKeysIsRenamed() {
        let line = formatter.format(
            fixedRecord(.error, "failed", fields: ["error.type": "mine"], error: ChargeError()))
        #expect(
            line
                == "[ERROR]\t2024-08-06T11:54:56.789Z\t\tfailed error.type=LogbookTests.ChargeError "
                + "error.message=\"card declined\" fields.error.type=mine")
    }

    @Test func aFlattenedKeyNeverRepeatsAStaticOrRecordKey() {
        let withFunction = LambdaTextFormatter(staticFields: ["function": ["name": "orders"] as LogValue])
        let line = withFunction.format(fixedRecord(fields: ["function.name": "mine"], context: invocationContext()))
        #expect(
            line
                == "[INFO]\t2024-08-06T11:54:56.789Z\t\(fixedRequestID)\tHello from Lambda! "
                + "function.name=orders fields.function.name=mine")
    }

    @Test func aRenamedStaticFieldNeverRepeatsAnotherStaticField() {
        let withStatics = LambdaTextFormatter(staticFields: ["error": 1, "fields.error": 2])
        let line = withStatics.format(fixedRecord(context: invocationContext()))
        #expect(
            line
                == "[INFO]\t2024-08-06T11:54:56.789Z\t\(fixedRequestID)\tHello from Lambda! "
                + "fields.error=1 fields.fields.error=2")
    }

    @Test func levelNamesCanFollowPythonsRuntimeExactly() {
        var names = LogLevelNames.uppercase
        names[.trace] = "DEBUG"
        names[.notice] = "INFO"
        let python = LambdaTextFormatter(levelNames: names)
        #expect(python.format(fixedRecord(.trace)).hasPrefix("[DEBUG]\t"))
        #expect(python.format(fixedRecord(.notice)).hasPrefix("[INFO]\t"))
    }
}
