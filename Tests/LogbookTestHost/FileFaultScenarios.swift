import Logbook

/// File faults that change process-wide limits, so they run in their own process.
enum FileFaultScenarios {
    static let all: [String: Scenario] = [
        "file-partial-batch": partialBatch
    ]

    /// Writes one batch of three 400-byte lines to a file sink while the process may
    /// write at most 1,000 bytes per file (RLIMIT_FSIZE): the kernel writes the first
    /// 1,000 bytes, then refuses the rest with EFBIG. Prints the file's size afterwards.
    static func partialBatch(_ arguments: [String]) async -> Int32 {
        guard let path = arguments.first else { return 64 }
        signal(SIGXFSZ, SIG_IGN)
        var limit = rlimit(rlim_cur: 1_000, rlim_max: 1_000)
        guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { return 2 }
        let sink: FileSink
        do {
            sink = try FileSink(path: path)
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        var batch = ""
        for index in 0..<3 {
            batch += "{\"line\":\(index),\"padding\":\"" + String(repeating: "p", count: 376) + "\"}\n"
        }
        batch.withUTF8 { sink.writeLines(UnsafeRawBufferPointer($0)) }
        print("failures=\(sink.failureCount)")
        return 0
    }
}
