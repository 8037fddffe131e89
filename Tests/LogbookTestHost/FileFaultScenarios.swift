import Logbook

/// Sink faults that change process-wide limits, so they run in their own process.
enum FileFaultScenarios {
    static let all: [String: Scenario] = [
        "file-partial-batch": partialBatch,
        "file-check-after-failed-write": checkAfterFailedWrite,
        "file-rotation-without-descriptors": rotationWithoutDescriptors,
        "async-without-thread": asyncWithoutThread,
        "file-partial-line": partialLine,
        "file-hangup-unopenable": hangupUnopenable,
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

    /// Daily rotation (keep 1) of the file at PATH, written last on a past day, while the process
    /// has no file descriptor left (RLIMIT_NOFILE at the lowest free one): the rename works,
    /// reopening and listing the directory to prune (`opendir`) fail with EMFILE. Then, with the
    /// limit restored, a write and a rotation after one to a later day (the file's time set to
    /// 2024-08-07, then reopened). Prints the failure count and the directory's names after each
    /// step; the sink reports on standard error.
    static func rotationWithoutDescriptors(_ arguments: [String]) async -> Int32 {
        guard let path = arguments.first, let slash = path.lastIndex(of: "/") else { return 64 }
        let sink: FileSink
        do {
            sink = try FileSink(
                path: path, options: .init(rotation: .time(.daily, keep: 1)), reportFailureTo: writeStandardError)
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        func names() -> String {
            guard let handle = opendir(String(path[..<slash])) else { return "?" }
            defer { closedir(handle) }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if !name.hasPrefix(".") { names.append(name) }
            }
            return names.sorted().joined(separator: ",")
        }
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 2 }
        let saved = limit
        let lowestFree = dup(0)
        guard lowestFree >= 0, close(lowestFree) == 0 else { return 2 }
        limit.rlim_cur = rlim_t(lowestFree)
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 2 }
        sink.write(LogRecord(level: .info, logger: "ci", message: "new"))
        limit = saved
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 2 }
        print("failures=\(sink.failureCount) \(names())")
        sink.write(LogRecord(level: .info, logger: "ci", message: "after"))
        print("failures=\(sink.failureCount) \(names())")
        // 2024-08-07T00:00:30Z
        var times = [timespec(tv_sec: 1_722_988_830, tv_nsec: 0), timespec(tv_sec: 1_722_988_830, tv_nsec: 0)]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { return 2 }
        sink.reopen()
        sink.write(LogRecord(level: .info, logger: "ci", message: "later"))
        print("failures=\(sink.failureCount) \(names())")
        return 0
    }

    /// An AsyncSink over a file sink at PATH, created while no thread can start: the address
    /// space (RLIMIT_AS) is limited to 1 MiB more than the process uses, less than a thread's
    /// stack. Writes three records, printing after each how many lines the file has (before
    /// any flush or shutdown), then whether shutdown completed.
    static func asyncWithoutThread(_ arguments: [String]) async -> Int32 {
        guard let path = arguments.first, let file = try? FileSink(path: path) else { return 64 }
        func lineCount() -> Int {
            guard let stream = fopen(path, "r") else { return -1 }
            defer { fclose(stream) }
            var count = 0
            while true {
                let byte = fgetc(stream)
                if byte == EOF { return count }
                if byte == 0x0A { count += 1 }
            }
        }
        // VmSize in /proc/self/status: the address space in use, in KiB.
        guard let status = fopen("/proc/self/status", "r") else { return 2 }
        var kibibytes = 0
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), status) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmSize:") { kibibytes = Int(text.split { $0 == " " || $0 == "\t" }[1]) ?? 0 }
        }
        fclose(status)
        guard kibibytes > 0 else { return 2 }
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 else { return 2 }
        let saved = limit
        limit.rlim_cur = rlim_t((kibibytes + 1024) * 1024)
        guard setrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 else { return 2 }
        let sink = AsyncSink(file, options: .init(capacity: 16))
        limit = saved
        guard setrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 else { return 2 }
        for index in 0..<3 {
            sink.write(LogRecord(level: .info, logger: "ci", message: "m\(index)"))
            print("lines=\(lineCount())")
        }
        print("complete=\(sink.shutdown(timeout: .seconds(5)))")
        return 0
    }

    /// Writes one 1,500-byte line to a file sink while the process may write at most 1,000
    /// bytes per file (RLIMIT_FSIZE): the kernel writes 1,000 bytes, none of them a whole line,
    /// then refuses the rest with EFBIG. Then writes `after`. Prints the failure count.
    static func partialLine(_ arguments: [String]) async -> Int32 {
        guard let path = arguments.first, let sink = try? FileSink(path: path) else { return 64 }
        signal(SIGXFSZ, SIG_IGN)
        var limit = rlimit(rlim_cur: 1_000, rlim_max: 1_000)
        guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { return 2 }
        for var line in [String(repeating: "x", count: 1_499) + "\n", "after\n"] {
            line.withUTF8 { sink.writeLines(UnsafeRawBufferPointer($0)) }
        }
        print("failures=\(sink.failureCount)")
        return 0
    }

    /// A sink that reopens on SIGHUP gets one while a directory stands at its path (its file
    /// moved away): reopening fails, and the record goes to the moved file. A second SIGHUP,
    /// the directory removed, reopens the path. Prints the failure and reopen counts; the sink
    /// reports on standard error.
    static func hangupUnopenable(_ arguments: [String]) async -> Int32 {
        guard let path = arguments.first else { return 64 }
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        let options = FileSink.Options(reopensOnHangup: true, identityCheckInterval: .seconds(3600))
        guard let sink = try? FileSink(path: path, options: options, reportFailureTo: writeStandardError) else {
            return 1
        }
        sink.write(LogRecord(level: .info, logger: "ci", message: "before"))
        guard rename(path, path + ".1") == 0, mkdir(path, 0o755) == 0 else { return 2 }
        raise(SIGHUP)
        sink.write(LogRecord(level: .info, logger: "ci", message: "during"))
        guard rmdir(path) == 0 else { return 2 }
        raise(SIGHUP)
        sink.write(LogRecord(level: .info, logger: "ci", message: "after"))
        print("failures=\(sink.failureCount) reopens=\(sink.reopenCount)")
        return 0
    }
}
