import Logbook
import Testing

/// Golden lines for the shipper presets and the layout options they are built from,
/// each also parsed by a strict JSON parser.
@Suite struct JSONFormatterPresetTests {
    let stamp = "2024-08-06T11:54:56.789Z"

    func record(_ level: LogLevel = .info, fields: LogFields = [:], error: (any Error)? = nil) -> LogRecord {
        fixedRecord(level, "charge created", fields: fields, error: error, logger: "payments")
    }

    // MARK: Elastic Common Schema

    @Test func elasticCommonSchemaPutsTimestampLevelAndMessageFirst() throws {
        let ecs = JSONFormatter.elasticCommonSchema(service: "checkout", version: "1.4.2", environment: "prod")
        let line = ecs.format(record(fields: ["amount": 42]))
        #expect(
            line
                == #"{"@timestamp":"2024-08-06T11:54:56.789Z","log.level":"info","message":"charge created","log.logger":"payments","ecs.version":"8.11.0","service.name":"checkout","service.version":"1.4.2","service.environment":"prod","event.dataset":"checkout.log","amount":42}"#
        )
        #expect(
            try JSONCheck.keys(of: [line]) == [
                [
                    "@timestamp", "log.level", "message", "log.logger", "ecs.version", "service.name",
                    "service.version", "service.environment", "event.dataset", "amount",
                ]
            ])
    }

    @Test func elasticCommonSchemaFlattensErrorsAndTheOrigin() throws {
        let ecs = JSONFormatter.elasticCommonSchema(includesSourceLocation: true)
        let line = ecs.format(record(.error, error: TracedError()))
        #expect(
            line
                == #"{"@timestamp":"2024-08-06T11:54:56.789Z","log.level":"error","message":"charge created","log.logger":"payments","error.type":"LogbookTests.TracedError","error.message":"parse failed","error.stack_trace":"Parser.parse() at Parser.swift:10\nHandler.handle() at Handler.swift:3","ecs.version":"8.11.0","log.origin.file.name":"Orders/Handler.swift","log.origin.function":"handle(_:)","log.origin.file.line":42}"#
        )
        #expect(try JSONCheck.keys(of: [line]).count == 1)
    }

    // MARK: Google Cloud Logging

    @Test(arguments: [
        (LogLevel.trace, "DEBUG"), (.debug, "DEBUG"), (.info, "INFO"), (.notice, "NOTICE"),
        (.warning, "WARNING"), (.error, "ERROR"), (.critical, "CRITICAL"),
    ])
    func googleCloudLoggingUsesItsSeverityNames(level: LogLevel, severity: String) throws {
        let line = JSONFormatter.googleCloudLogging().format(record(level))
        #expect(
            line
                == #"{"time":"2024-08-06T11:54:56.789Z","severity":""# + severity
                + #"","logger":"payments","message":"charge created","logging.googleapis.com/sourceLocation":{"file":"Orders/Handler.swift","function":"handle(_:)","line":"42"}}"#
        )
        #expect(
            try JSONCheck.keys(of: [line]) == [
                ["time", "severity", "logger", "message", "logging.googleapis.com/sourceLocation"]
            ])
    }

    @Test func googleCloudLoggingPutsTheServiceInServiceContextAndTheEnvironmentInLabels() throws {
        let gcp = JSONFormatter.googleCloudLogging(
            service: "checkout", version: "1.4.2", environment: "prod", includesSourceLocation: false)
        let line = gcp.format(record(fields: ["amount": 42]))
        #expect(
            line
                == #"{"time":"2024-08-06T11:54:56.789Z","severity":"INFO","logger":"payments","message":"charge created","serviceContext":{"service":"checkout","version":"1.4.2"},"logging.googleapis.com/labels":{"env":"prod"},"amount":42}"#
        )
        let parsed = try JSONCheck.parse([line])[0]
        #expect((parsed.object["serviceContext"] as? [String: Any])?["service"] as? String == "checkout")
    }

    // MARK: Datadog

    @Test func datadogUsesStatusAndLoggerName() throws {
        let datadog = JSONFormatter.datadog(service: "checkout", environment: "prod", version: "1.4.2")
        let line = datadog.format(record(.warning, fields: ["amount": 42]))
        #expect(
            line
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","status":"warning","logger.name":"payments","message":"charge created","service":"checkout","env":"prod","version":"1.4.2","amount":42}"#
        )
        #expect(
            try JSONCheck.keys(of: [line]) == [
                ["timestamp", "status", "logger.name", "message", "service", "env", "version", "amount"]
            ])
    }

    @Test func datadogWritesErrorKindMessageAndStack() throws {
        let line = JSONFormatter.datadog().format(record(.error, error: TracedError()))
        #expect(
            line
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","status":"error","logger.name":"payments","message":"charge created","error.kind":"LogbookTests.TracedError","error.message":"parse failed","error.stack":"Parser.parse() at Parser.swift:10\nHandler.handle() at Handler.swift:3"}"#
        )
        #expect(try JSONCheck.keys(of: [line]).count == 1)
    }

    /// `status` is Datadog's level key, so a field named `status` is written as
    /// `fields.status`, or as `fields.fields.status` when another field of the line, before
    /// or after it, short or stored on the heap, already has `fields.status`.
    @Test(arguments: [false, true])
    func datadogRenamesAStatusFieldPastEveryOtherKeyOfTheLine(heap: Bool) throws {
        let datadog = JSONFormatter.datadog()
        let taken = heap ? heapStored("fields.status") : "fields.status"
        let alone = datadog.format(record(fields: ["status": 200]))
        #expect(alone.hasSuffix(#""message":"charge created","fields.status":200}"#))
        let after = datadog.format(makeRecord(fields: ["status": 200], context: LogContext([taken: "context"])))
        #expect(after.hasSuffix(#""message":"charge created","fields.fields.status":200,"fields.status":"context"}"#))
        let before = datadog.format(record(fields: [taken: "mine", "status": 200]))
        #expect(before.hasSuffix(#""message":"charge created","fields.status":"mine","fields.fields.status":200}"#))
        for keys in try JSONCheck.keys(of: [alone, after, before]) { #expect(Set(keys).count == keys.count) }
    }

    // MARK: Validity across presets

    @Test func everyPresetStaysValidWithHostileFieldsAndNeverRepeatsAKey() throws {
        let presets: [JSONFormatter] = [
            .elasticCommonSchema(service: "s", includesSourceLocation: true),
            .googleCloudLogging(service: "s", environment: "e"),
            .datadog(service: "s", environment: "e", version: "v", includesSourceLocation: true),
            JSONFormatter(),
        ]
        let hostile: LogFields = [
            "@timestamp": 1, "log.level": 2, "message": 3, "log.logger": 4, "ecs.version": 5, "time": 6,
            "severity": 7, "status": 8, "logger.name": 9, "service": 10, "error.kind": 11, "error.type": 12,
            "logging.googleapis.com/sourceLocation": 13, "serviceContext": 14, "timestamp": 15, "level": 16,
            "logger": 17, "error": 18, "log.origin.file.line": 19, "fields.message": 20, "nan": Double.nan,
            "quote\"key": "line\nbreak \u{0}\u{2029}",
        ]
        var lines: [String] = []
        for preset in presets {
            for level in LogLevel.allCases {
                lines.append(preset.format(record(level, fields: hostile, error: ChargeError())))
            }
        }
        let parsed = try JSONCheck.parse(lines)
        #expect(parsed.count == lines.count)
        for entry in parsed {
            #expect(Set(entry.keys).count == entry.keys.count)
        }
    }

    // MARK: The options behind the presets

    @Test func headerMembersCanBeReorderedAndLeftOut() {
        let formatter = JSONFormatter(headerOrder: [.level, .message])
        #expect(formatter.format(record()) == #"{"level":"info","message":"charge created"}"#)
        let repeated = JSONFormatter(headerOrder: [.message, .message, .timestamp])
        #expect(repeated.headerOrder == [.message, .timestamp])
        #expect(JSONFormatter(headerOrder: []).headerOrder == JSONFormatter.defaultHeaderOrder)
    }

    @Test func aLeftOutHeaderKeyIsFreeForAField() {
        let formatter = JSONFormatter(headerOrder: [.timestamp, .level, .message])
        #expect(
            formatter.format(record(fields: ["logger": "mine"]))
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","message":"charge created","logger":"mine"}"#
        )
    }

    @Test func theDefaultErrorObjectGainsAStackTraceWhenOneIsAvailable() {
        #expect(
            JSONFormatter().format(record(.error, error: TracedError()))
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"error","logger":"payments","message":"charge created","error":{"type":"LogbookTests.TracedError","message":"parse failed","stack_trace":"Parser.parse() at Parser.swift:10\nHandler.handle() at Handler.swift:3"}}"#
        )
    }

    @Test func staticFieldsCanBeAddedToAnyJSONFormatter() {
        let formatter = JSONFormatter(keys: .init(level: "severity"))
            .addingStaticFields(["service": "checkout", "env": "prod"])
            .addingStaticFields(["version": "1.4.2", "env": "staging"])
        #expect(
            formatter.format(record())
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","severity":"info","logger":"payments","message":"charge created","service":"checkout","version":"1.4.2","env":"staging"}"#
        )
    }
}
