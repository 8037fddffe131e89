import Foundation

/// Checks JSON lines with parsers that are not ours: Foundation's `JSONSerialization`
/// for validity, and Python's `json` module, strict: it rejects a repeated key at any
/// depth, the non-standard `NaN`/`Infinity` literals, lone surrogates and invalid UTF-8,
/// and reports each object's keys in order.
enum JSONCheck {
    /// Parses `line` with Foundation; returns the object, or `nil` when it is not a
    /// valid JSON object.
    static func object(_ line: String) -> [String: Any]? {
        guard let data = line.data(using: .utf8),
            let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return nil }
        return value as? [String: Any]
    }

    struct PythonVerdict: Decodable {
        /// One entry per input line: `null` when valid, else the reason.
        var errors: [String?]
        /// The top-level keys of each valid line, in order.
        var keys: [[String]]
    }

    private static let script = #"""
        import json, sys
        def constant(name):
            raise ValueError("non-standard literal %s" % name)
        def no_duplicates(pairs):
            seen = set()
            for key, _ in pairs:
                if key in seen:
                    raise ValueError("duplicate key %r" % key)
                seen.add(key)
            return dict(pairs)
        errors, keys = [], []
        with open(sys.argv[1], "rb") as handle:
            for raw in handle.read().split(b"\n")[:-1]:
                try:
                    text = raw.decode("utf-8", errors="strict")
                    ordered = json.loads(text, object_pairs_hook=lambda pairs: pairs, parse_constant=constant)
                    json.loads(text, object_pairs_hook=no_duplicates, parse_constant=constant)
                    if not isinstance(ordered, list):
                        raise ValueError("not an object")
                    text.encode("utf-8", errors="strict")  # rejects lone surrogates
                    errors.append(None)
                    keys.append([key for key, _ in ordered])
                except Exception as error:
                    errors.append(str(error)[:200])
                    keys.append([])
        json.dump({"errors": errors, "keys": keys}, sys.stdout)
        """#

    /// Runs every line through Python's `json`. Lines must not contain raw newlines.
    static func python(_ lines: [String]) throws -> PythonVerdict {
        var bytes = Data()
        for line in lines {
            bytes.append(contentsOf: Array(line.utf8))
            bytes.append(0x0A)
        }
        return try python(bytes: bytes)
    }

    /// Runs newline-terminated raw bytes through Python's `json`.
    static func python(bytes: Data) throws -> PythonVerdict {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("logbook-json-\(UUID().uuidString)")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CheckError("python3 exited with status \(process.terminationStatus); is python3 installed?")
        }
        return try JSONDecoder().decode(PythonVerdict.self, from: data)
    }

    /// Parses every line strictly with Python and, once all are valid, with Foundation.
    /// Throws on the first invalid line; returns each line's top-level keys in order and
    /// its object.
    static func parse(_ lines: [String]) throws -> [(keys: [String], object: [String: Any])] {
        let verdict = try python(lines)
        var result: [(keys: [String], object: [String: Any])] = []
        for (index, line) in lines.enumerated() {
            if let error = verdict.errors[index] {
                throw CheckError("line \(index + 1): \(error): \(line)")
            }
            guard let object = object(line) else { throw CheckError("line \(index + 1): Foundation rejects \(line)") }
            result.append((verdict.keys[index], object))
        }
        return result
    }

    /// The top-level keys of each line, in order; throws on the first invalid line.
    static func keys(of lines: [String]) throws -> [[String]] {
        try parse(lines).map(\.keys)
    }

    struct CheckError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
