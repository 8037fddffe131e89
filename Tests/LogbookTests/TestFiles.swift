import Foundation

/// A fresh temporary directory per test, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "logbook-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// The file's lines (without newlines); `[]` when it does not exist.
    func lines(_ name: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: file(name)) else { return [] }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text.isEmpty ? [] : text.components(separatedBy: "\n")
    }

    func contents(_ name: String) -> Data {
        FileManager.default.contents(atPath: file(name)) ?? Data()
    }

    func names() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? []
    }
}

/// Collects what a sink reports on standard error.
final class ReportCollector: Sendable {
    private let storage = NSLock()
    nonisolated(unsafe) private var reports: [String] = []

    var report: @Sendable (String) -> Void {
        { [self] message in
            storage.lock()
            reports.append(message)
            storage.unlock()
        }
    }

    var messages: [String] {
        storage.lock()
        defer { storage.unlock() }
        return reports
    }
}

/// Parses a JSON line into a dictionary.
func jsonObject(_ line: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
}
