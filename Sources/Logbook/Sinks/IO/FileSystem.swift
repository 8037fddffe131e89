import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the file-system calls the file sink needs. A failure comes back as
/// ``Errno`` or `nil`, never as a crash.
enum FileSystem {
    /// Two paths name the same file when their identities are equal.
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    struct Status {
        var identity: Identity
        var size: Int64
        var modificationSeconds: Int64

        fileprivate init(_ info: stat) {
            identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            size = Int64(info.st_size)
            #if canImport(Darwin)
            modificationSeconds = Int64(info.st_mtimespec.tv_sec)
            #else
            modificationSeconds = Int64(info.st_mtim.tv_sec)
            #endif
        }
    }

    /// Opens `path` for appending, creating it with `mode` when missing. A symbolic link
    /// at `path` is not followed: the open fails with `ELOOP`.
    static func openForAppending(_ path: String, mode: UInt32) throws(Errno) -> Int32 {
        while true {
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode_t(mode))
            if fd >= 0 { return fd }
            if errno != EINTR { throw Errno(errno) }
        }
    }

    /// Whether ``openForAppending(_:mode:)`` failed on `path` because the path itself is a
    /// symbolic link (`ELOOP` also reports a loop of links among its directories).
    static func isSymbolicLinkRefusal(_ error: Errno, path: String) -> Bool {
        guard error.code == ELOOP else { return false }
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// The last byte of the file at `path`, read through its own read-only descriptor once
    /// it is the file `identity` names, `size` bytes long; `nil` when unreadable or changed.
    static func lastByte(ofPath path: String, identity: Identity, size: Int64) -> UInt8? {
        guard size > 0 else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let status = status(of: fd), status.identity == identity, status.size == size else { return nil }
        var byte: UInt8 = 0
        while true {
            let count = pread(fd, &byte, 1, off_t(size - 1))
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }

    static func status(ofPath path: String) -> Status? {
        var info = stat()
        return stat(path, &info) == 0 ? Status(info) : nil
    }

    static func status(of fd: Int32) -> Status? {
        var info = stat()
        return fstat(fd, &info) == 0 ? Status(info) : nil
    }

    /// Creates `path` and its missing ancestors with mode 0755.
    static func createDirectories(_ path: String) -> Errno? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                let code = errno
                var existing = stat()
                if stat(prefix, &existing) != 0 || (existing.st_mode & S_IFMT) != S_IFDIR { return Errno(code) }
            }
            prefix += "/"
        }
        return nil
    }

    static func move(_ from: String, to: String) -> Errno? {
        rename(from, to) == 0 ? nil : Errno(errno)
    }

    static func remove(_ path: String) -> Errno? {
        unlink(path) == 0 ? nil : Errno(errno)
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func truncate(_ fd: Int32, to size: Int64) -> Bool {
        ftruncate(fd, off_t(size)) == 0
    }

    static func contents(ofDirectory directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `SIGHUP`s since ``installHangupHandler()``: a file sink that reopens on hangup
    /// compares it with the value it last saw before each write.
    static let hangupCount = Atomic<Int>(0)
    private static let hangupHandlerInstalled = Atomic<Bool>(false)

    /// Installs, once per process and replacing any other, a `SIGHUP` handler that only
    /// increments ``hangupCount`` (async-signal-safe).
    static func installHangupHandler() {
        _ = hangupCount.load(ordering: .relaxed)  // initialize before a signal can touch it
        guard !hangupHandlerInstalled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = { _ in FileSystem.hangupCount.add(1, ordering: .relaxed) }
        #else
        action.__sigaction_handler.sa_handler = { _ in FileSystem.hangupCount.add(1, ordering: .relaxed) }
        #endif
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        sigaction(SIGHUP, &action, nil)
    }
}

/// An `errno` value with its symbolic name and description.
struct Errno: Error, Equatable, CustomStringConvertible {
    let code: Int32

    init(_ code: Int32) { self.code = code }

    /// `ENOSPC (No space left on device)`, or `errno N (…)` for a code not named below.
    var description: String {
        let text = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return "\(Self.names[code] ?? "errno \(code)") (\(text))"
    }

    private static let names: [Int32: String] = [
        EPIPE: "EPIPE", EBADF: "EBADF", ENOSPC: "ENOSPC", EIO: "EIO", EACCES: "EACCES", EPERM: "EPERM",
        ENOENT: "ENOENT", EDQUOT: "EDQUOT", EFBIG: "EFBIG", EINVAL: "EINVAL", EROFS: "EROFS",
        ECONNRESET: "ECONNRESET", ECONNREFUSED: "ECONNREFUSED", ENOTCONN: "ENOTCONN", ETIMEDOUT: "ETIMEDOUT",
        EHOSTUNREACH: "EHOSTUNREACH", ENOTDIR: "ENOTDIR", EISDIR: "EISDIR", EAGAIN: "EAGAIN",
        EMSGSIZE: "EMSGSIZE", ENAMETOOLONG: "ENAMETOOLONG", EMFILE: "EMFILE", ENFILE: "ENFILE",
    ]
}
