#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Go program in `Benchmarks/zerolog/` (zerolog writing the benchmark's record to
/// `/dev/null`), built from Debian's `golang-github-rs-zerolog-dev` in GOPATH mode and
/// driven as a child process: the benchmark sends it a record count, it writes that many
/// records and answers with the nanoseconds and heap allocations its own loop took, so
/// the round trip between the processes is not charged to zerolog.
final class ZerologPeer {
    /// Debian's copy of zerolog's source, found through GOPATH.
    static let gocode = "/usr/share/gocode"

    /// Why the peer cannot run here, or `nil` when it can: `go` must be on the PATH and
    /// zerolog's source installed (`apt-get install golang-github-rs-zerolog-dev`).
    /// `BENCH_NO_ZEROLOG=1` turns the peer off.
    static var unavailableReason: String? {
        if let off = getenv("BENCH_NO_ZEROLOG"), String(cString: off) == "1" { return "BENCH_NO_ZEROLOG=1" }
        guard executableOnPath("go") != nil else { return "go not on PATH" }
        guard access(gocode + "/src/github.com/rs/zerolog/log.go", R_OK) == 0 else {
            return "golang-github-rs-zerolog-dev not installed"
        }
        guard access(sourcePath, R_OK) == 0 else { return "\(sourcePath) not found" }
        return nil
    }

    /// `Benchmarks/zerolog/main.go`, found from this file's path.
    static var sourcePath: String {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Sources/LogbookBenchmarks/ZerologPeer.swift
        return components.joined(separator: "/") + "/zerolog/main.go"
    }

    private let pid: pid_t
    private let socket: Int32

    /// Builds the Go program into a temporary directory, prints one zerolog record to
    /// standard error (to check its shape by eye), and starts the program's serving mode.
    /// Returns `nil`, having said why on standard error, when any step fails.
    static func start() -> ZerologPeer? {
        var template = Array("/tmp/logbook-zerolog-XXXXXX".utf8CString)
        guard let directory = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            Report.progress("zerolog peer: mkdtemp failed")
            return nil
        }
        let temporary = String(cString: directory)
        let binary = temporary + "/zerolog-peer"
        Report.progress("zerolog peer: building \(sourcePath) with go (GOPATH mode, \(gocode))")
        var build = ["env", "GO111MODULE=off", "GOPATH=\(temporary)/gopath:\(gocode)"]
        // go needs a build cache; without HOME (some CI runners) give it a temporary one.
        if getenv("GOCACHE") == nil && getenv("HOME") == nil && getenv("XDG_CACHE_HOME") == nil {
            build.append("GOCACHE=\(temporary)/gocache")
        }
        build += ["go", "build", "-o", binary, sourcePath]
        guard let builder = spawn(build, childSocket: nil), wait(builder) == 0 else {
            Report.progress("zerolog peer: go build failed")
            return nil
        }
        Report.progress("zerolog peer: one record follows")
        guard let shower = spawn([binary, "-show"], childSocket: nil), wait(shower) == 0 else {
            Report.progress("zerolog peer: \(binary) -show failed")
            return nil
        }
        var sockets: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let streamType = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, streamType, 0, &sockets) == 0 else {
            Report.progress("zerolog peer: socketpair failed")
            return nil
        }
        guard let server = spawn([binary, "-serve", "-out", "/dev/null"], childSocket: sockets[1]) else {
            Report.progress("zerolog peer: could not start \(binary)")
            return nil
        }
        close(sockets[1])
        // The running program keeps its file; the directory is not needed any more.
        unlink(binary)
        rmdir(temporary + "/gopath")
        if access(temporary + "/gocache", F_OK) == 0 { spawnAndWait(["rm", "-rf", temporary + "/gocache"]) }
        rmdir(temporary)
        return ZerologPeer(pid: server, socket: sockets[0])
    }

    private init(pid: pid_t, socket: Int32) {
        self.pid = pid
        self.socket = socket
    }

    /// Has the peer write `records` records; returns its own loop's totals, or `nil` if
    /// it stopped answering.
    func run(_ records: Int) -> (nanoseconds: UInt64, allocations: UInt64)? {
        var request = "\(records)\n"
        let sent = request.withUTF8 { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent > 0 else { return nil }
        var reply: [UInt8] = []
        var byte: UInt8 = 0
        while reply.last != UInt8(ascii: "\n") {
            guard recv(socket, &byte, 1, 0) == 1 else { return nil }
            reply.append(byte)
        }
        let numbers = String(decoding: reply.dropLast(), as: UTF8.self).split(separator: " ").compactMap {
            UInt64($0)
        }
        guard numbers.count == 2 else { return nil }
        return (numbers[0], numbers[1])
    }

    /// Starts `arguments` (the program found on the PATH), with `childSocket` as its
    /// standard input and output when given.
    private static func spawn(_ arguments: [String], childSocket: Int32?) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let childSocket {
            posix_spawn_file_actions_adddup2(&actions, childSocket, 0)
            posix_spawn_file_actions_adddup2(&actions, childSocket, 1)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        return status == 0 ? pid : nil
    }

    /// Runs `arguments` to completion.
    private static func spawnAndWait(_ arguments: [String]) {
        if let pid = spawn(arguments, childSocket: nil) { _ = wait(pid) }
    }

    /// Waits for `pid` and returns its exit status (-1 if it did not exit normally).
    private static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
    }

    /// The first executable called `name` in the PATH's directories.
    static func executableOnPath(_ name: String) -> String? {
        guard let path = getenv("PATH") else { return nil }
        for directory in String(cString: path).split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
