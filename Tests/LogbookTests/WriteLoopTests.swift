import Foundation
import Logbook
import Synchronization
import Testing

@Suite("Write loop")
struct WriteLoopTests {
    @Test("EAGAIN on a full non-blocking pipe: the write waits without spinning, then the line arrives whole")
    func fullNonBlockingPipe() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        defer {
            close(readEnd)
            close(writeEnd)
        }
        #expect(fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK) == 0)
        let filler = [UInt8](repeating: UInt8(ascii: "f"), count: 4096)
        var filled = 0
        while case let count = filler.withUnsafeBytes({ write(writeEnd, $0.baseAddress, $0.count) }), count > 0 {
            filled += count
        }
        #expect(errno == EAGAIN)

        let sink = StreamSink(.fileDescriptor(writeEnd), formatter: LogfmtFormatter())
        let record = LogRecord(level: .info, logger: "test", message: String(repeating: "m", count: 10_000))
        let writerCPUNanoseconds = Atomic(-1)
        let writer = Thread {
            let started = Self.threadCPUNanoseconds()
            sink.write(record)
            writerCPUNanoseconds.store(Self.threadCPUNanoseconds() - started, ordering: .sequentiallyConsistent)
        }
        writer.start()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(writerCPUNanoseconds.load(ordering: .sequentiallyConsistent) == -1, "the write waits for the reader")

        let expected = Array(LogfmtFormatter().format(record).utf8) + [UInt8(ascii: "\n")]
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while received.count < filled + expected.count {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += chunk[0..<count]
        }
        while writerCPUNanoseconds.load(ordering: .sequentiallyConsistent) == -1 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(Array(received.dropFirst(filled)) == expected)
        #expect(sink.failureCount == 0)
        // A loop retrying EAGAIN would have burnt most of the half second on the CPU.
        let cpu = writerCPUNanoseconds.load(ordering: .sequentiallyConsistent)
        #expect(cpu < 50_000_000, "the waiting write used \(cpu / 1_000_000) ms of CPU")
    }

    private static func threadCPUNanoseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return spec.tv_sec * 1_000_000_000 + spec.tv_nsec
    }
}
