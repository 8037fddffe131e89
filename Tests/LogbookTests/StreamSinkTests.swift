import Foundation
import Logbook
import Synchronization
import Testing

@Suite("Stream sink")
struct StreamSinkTests {
    @Test("16 tasks x 10,000 records into one pipe: 160,000 complete, valid, distinct lines")
    func concurrentWritersIntoAPipe() async throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        let collected = Mutex(Data())
        let reader = Thread {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                collected.withLock { $0.append(contentsOf: chunk[0..<count]) }
            }
        }
        reader.start()

        let hierarchy = LogHierarchy()
        let sink = StreamSink(.fileDescriptor(writeEnd), formatter: JSONFormatter())
        hierarchy.root.addSink(sink)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<16 {
                group.addTask {
                    let log = hierarchy.logger("writer.\(task)")
                    for index in 0..<10_000 {
                        log.info(
                            "record \(index) with \"quotes\" and a newline\n",
                            ["task": task, "index": index, "padding": String(repeating: "p", count: index % 300)])
                    }
                }
            }
        }
        close(writeEnd)
        while !reader.isFinished { try await Task.sleep(for: .milliseconds(10)) }
        close(readEnd)

        let data = collected.withLock { $0 }
        #expect(data.last == 0x0A)
        let verdict = try JSONCheck.python(bytes: data)
        #expect(verdict.errors.count == 160_000)
        #expect(verdict.errors.allSatisfy { $0 == nil })
        var seen = Set<Int>()
        for line in data.split(separator: 0x0A) {
            guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any],
                let task = object["task"] as? Int, let index = object["index"] as? Int
            else {
                Issue.record("unexpected line")
                continue
            }
            seen.insert(task * 100_000 + index)
        }
        #expect(seen.count == 160_000)
        #expect(sink.failureCount == 0)
    }

    @Test("writing to a full device: every failure counted, reported once, logging continues")
    func fullDevice() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let reports = Mutex<[String]>([])
        let sink = StreamSink(
            .fileDescriptor(fd), formatter: JSONFormatter(), level: .trace, filters: [])
        sink.failures.reportFirst(to: { message in reports.withLock { $0.append(message) } })
        let hierarchy = LogHierarchy()
        hierarchy.root.addSink(sink)
        for index in 0..<100 { hierarchy.logger("disk").info("record", ["index": index]) }
        #expect(sink.failureCount == 100)
        let messages = reports.withLock { $0 }
        #expect(messages.count == 1)
        #expect(messages.first?.contains("ENOSPC") == true)
        #expect(messages.first?.contains("file descriptor \(fd)") == true)
    }

    @Test("the sink writes exactly the formatter's line plus a newline")
    func exactBytes() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]) }
        let sink = StreamSink(.fileDescriptor(descriptors[1]), formatter: ConsoleFormatter(colors: .always))
        let record = makeRecord()
        sink.write(record)
        close(descriptors[1])
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { read(descriptors[0], $0.baseAddress, $0.count) }
        let expected = ConsoleFormatter(colors: .always).format(record) + "\n"
        #expect(String(decoding: bytes[0..<max(count, 0)], as: UTF8.self) == expected)
    }

    @Test("lines of a formatter that caps itself are written whole; other formatters' lines are capped")
    func lineCapByFormatter() throws {
        let directory = TemporaryDirectory()
        let message = String(repeating: "m", count: 100_000)
        let defaultLineLimit = 64 * 1024
        for (name, formatter) in [
            ("json", JSONFormatter(lineLimit: 200_000) as any LogFormatter),
            ("console", ConsoleFormatter(colors: .never)),
        ] {
            let fd = open(directory.file(name), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            #expect(fd >= 0)
            let sink = StreamSink(.fileDescriptor(fd), formatter: formatter)
            sink.write(makeRecord(message: message))
            sink.write(makeRecord(message: message))
            close(fd)
            let lines = directory.lines(name)
            #expect(lines.count == 2)
            for line in lines {
                if name == "json" {
                    // Longer than the text formatters' 64 KiB default cap, yet whole: JSON has its own.
                    #expect(line.utf8.count > defaultLineLimit)
                    #expect(jsonObject(line)?["message"] as? String == message)
                } else {
                    #expect(line.utf8.count <= defaultLineLimit)
                    #expect(line.hasSuffix("bytes]\""))
                }
            }
        }
    }
}

@Suite("Stream sink colours")
struct StreamSinkColorTests {
    @Test("automatic colour: none into a pipe")
    func pipeHasNoColor() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]) }
        let sink = StreamSink(.fileDescriptor(descriptors[1]), formatter: ConsoleFormatter())
        sink.write(makeRecord(level: .error))
        close(descriptors[1])
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { read(descriptors[0], $0.baseAddress, $0.count) }
        #expect(count > 0)
        #expect(!bytes[0..<max(count, 0)].contains(0x1B))
    }

    @Test("automatic colour: colour on a terminal, none when NO_COLOR is set")
    func terminalHasColor() async throws {
        let onTerminal = try await TestHost.run("console-colors", underTerminal: true, environment: ["NO_COLOR": ""])
        #expect(onTerminal.status == 0)
        #expect(onTerminal.standardOutput.contains("\u{1B}[31mERROR\u{1B}[0m"))
        let noColor = try await TestHost.run("console-colors", underTerminal: true, environment: ["NO_COLOR": "1"])
        #expect(noColor.status == 0)
        #expect(noColor.standardOutput.contains("ERROR"))
        #expect(!noColor.standardOutput.contains("\u{1B}"))
        let piped = try await TestHost.run("console-colors", environment: ["NO_COLOR": ""])
        #expect(piped.standardOutput.contains("ERROR"))
        #expect(!piped.standardOutput.contains("\u{1B}"))
    }
}

@Suite("Stream sinks sharing a descriptor")
struct SharedDescriptorTests {
    @Test("two sinks on one pipe, lines longer than PIPE_BUF from two threads: no line is split")
    func twoSinksOnePipe() async throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        let collected = LockedState(Data())
        let reader = Thread {
            // Small reads, so a line split by interleaved writes would show up split.
            var chunk = [UInt8](repeating: 0, count: 3000)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                collected.withLock { $0.append(contentsOf: chunk[0..<count]) }
            }
        }
        reader.start()
        let hierarchy = LogHierarchy()
        hierarchy.root.addSink(StreamSink(.fileDescriptor(writeEnd)))
        let audit = hierarchy.logger("audit")
        audit.addSink(StreamSink(.fileDescriptor(writeEnd)))
        audit.propagates = false
        let payload = String(repeating: "p", count: 6_000)
        await withTaskGroup(of: Void.self) { group in
            for logger in [hierarchy.logger("app"), audit] {
                group.addTask {
                    for index in 0..<300 { logger.info(payload, ["index": index]) }
                }
            }
        }
        close(writeEnd)
        while !reader.isFinished { try await Task.sleep(for: .milliseconds(10)) }
        close(readEnd)
        let verdict = try JSONCheck.python(bytes: collected.withLock { $0 })
        #expect(verdict.errors.count == 600)
        #expect(verdict.errors.allSatisfy { $0 == nil })
    }
}
