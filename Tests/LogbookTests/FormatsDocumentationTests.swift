import Foundation
import Logbook
import Testing

/// The sample lines in Documentation/Formats.md and Documentation/Lambda.md are real
/// output: each `<!-- sample: name -->` block must equal what its formatter writes for
/// the documented record.
@Suite struct FormatsDocumentationTests {
    /// The record every non-Lambda sample shows.
    static let record = LogRecord(
        timestamp: fixedTimestamp, level: .info, logger: "payments", message: "charge created",
        fields: ["amount": 42, "currency": "EUR"], context: LogContext(["request_id": "r-42"]),
        file: "Payments/Charge.swift", function: "charge(_:)", line: 42)

    /// The record the Lambda samples show.
    static let lambdaRecord = LogRecord(
        timestamp: fixedTimestamp, level: .info, logger: "orders", message: "Hello from Lambda!",
        fields: ["order_id": 42],
        context: LogContext(
            LambdaInvocation(requestID: fixedRequestID, traceID: fixedTraceID, isColdStart: true).fields))

    /// The record the trace context samples show: the W3C Trace Context example ids, as
    /// LogbookTracing's provider adds them.
    static var tracedRecord: LogRecord {
        var record = LogRecord(
            timestamp: fixedTimestamp, level: .info, logger: "payments", message: "charge created",
            fields: ["amount": 42])
        record.providedFields = [
            "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "00f067aa0ba902b7", "trace_flags": "01",
        ]
        return record
    }

    static let samples: [String: String] = {
        let lambdaError = LogRecord(
            timestamp: fixedTimestamp, level: .error, logger: "orders", message: "charge failed",
            context: invocationContext(), error: ChargeError())
        return [
            "json": JSONFormatter().format(record),
            "json-renamed": JSONFormatter(keys: .init(timestamp: "ts", level: "severity", message: "msg"))
                .addingStaticFields(["service": "checkout", "env": "prod", "version": "1.4.2"]).format(record),
            "ecs": JSONFormatter.elasticCommonSchema(service: "checkout", version: "1.4.2", environment: "prod")
                .format(record),
            "gcp": JSONFormatter.googleCloudLogging(service: "checkout", version: "1.4.2").format(record),
            "datadog": JSONFormatter.datadog(service: "checkout", environment: "prod", version: "1.4.2").format(record),
            "logfmt": LogfmtFormatter().format(record),
            "console": ConsoleFormatter(colors: .never, timestamp: .utc).format(record),
            "lambda-text": LambdaTextFormatter().format(lambdaRecord),
            "lambda-json": LambdaJSONFormatter().format(lambdaRecord),
            // The documentation names the error's module `Orders`; here it is this test module.
            "lambda-json-error": LambdaJSONFormatter().format(lambdaError)
                .replacingOccurrences(of: "LogbookTests.ChargeError", with: "Orders.ChargeError"),
            "trace-json": JSONFormatter().format(tracedRecord),
            "trace-ecs": JSONFormatter.elasticCommonSchema().format(tracedRecord),
            "trace-datadog": JSONFormatter.datadog().format(tracedRecord),
            "trace-gcp": JSONFormatter.googleCloudLogging(project: "my-project", includesSourceLocation: false)
                .format(tracedRecord),
            "trace-syslog": SyslogFormatter(appName: "checkout", hostname: "web-1", processID: "4242")
                .format(tracedRecord),
        ]
    }()

    /// The `name: line` pairs of the samples in a documentation file.
    func documentedSamples(in file: String) throws -> [(name: String, line: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Documentation").standardizedFileURL
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        var found: [(String, String)] = []
        for (index, line) in lines.enumerated() where line.hasPrefix("<!-- sample: ") {
            let name = line.dropFirst("<!-- sample: ".count).replacingOccurrences(of: " -->", with: "")
            guard index + 3 < lines.count, lines[index + 1].hasPrefix("```"), lines[index + 3] == "```" else {
                Issue.record("sample \(name) in \(file) is not a one-line fenced block")
                continue
            }
            found.append((name, lines[index + 2]))
        }
        return found
    }

    @Test func formatsShowsRealOutputForEveryFormatterAndPreset() throws {
        let documented = try documentedSamples(in: "Formats.md")
        #expect(
            Set(documented.map(\.name))
                == [
                    "json", "json-renamed", "ecs", "gcp", "datadog", "logfmt", "console", "lambda-text", "lambda-json",
                    "trace-json", "trace-ecs", "trace-datadog", "trace-gcp", "trace-syslog",
                ])
        for sample in documented {
            #expect(sample.line == Self.samples[sample.name], "Formats.md sample \(sample.name)")
        }
    }

    @Test func lambdaShowsRealOutput() throws {
        let documented = try documentedSamples(in: "Lambda.md")
        #expect(Set(documented.map(\.name)) == ["lambda-text", "lambda-json", "lambda-json-error"])
        for sample in documented {
            #expect(sample.line == Self.samples[sample.name], "Lambda.md sample \(sample.name)")
        }
    }

    @Test func theDocumentedJSONSamplesParseStrictly() throws {
        let json = [
            "json", "json-renamed", "ecs", "gcp", "datadog", "lambda-json", "lambda-json-error", "trace-json",
            "trace-ecs", "trace-datadog", "trace-gcp",
        ]
        #expect(try JSONCheck.parse(json.compactMap { Self.samples[$0] }).count == json.count)
    }
}
