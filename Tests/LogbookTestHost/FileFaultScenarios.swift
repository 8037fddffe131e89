import Logbook

/// File faults that change process-wide limits, so they run in their own process.
enum FileFaultScenarios {
    static let all: [String: Scenario] = [
        "file-partial-batch": partialBatch,
        "file-check-after-failed-write": checkAfterFailedWrite,
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

    /// A sink that checks the path only hourly fails one write (RLIMIT_FSIZE, EFBIG); the file
    /// is then moved away, and the next write must check the path at once and reopen it.
    /// Prints the failure and reopen counts.
    static func checkAfterFailedWrite(_ arguments: [String]) async -> Int32 {
        guard let path = arguments.first else { return 64 }
        signal(SIGXFSZ, SIG_IGN)
        let sink: FileSink
        do {
            sink = try FileSink(path: path, options: .init(identityCheckInterval: .seconds(3600)))
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { return 2 }
        let saved = limit
        limit.rlim_cur = 100
        guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { return 2 }
        var line = String(repeating: "x", count: 199) + "\n"
        line.withUTF8 { sink.writeLines(UnsafeRawBufferPointer($0)) }
        limit = saved
        guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0, rename(path, path + ".1") == 0 else { return 2 }
        var after = "after\n"
        after.withUTF8 { sink.writeLines(UnsafeRawBufferPointer($0)) }
        print("failures=\(sink.failureCount) reopens=\(sink.reopenCount)")
        return 0
    }
}
