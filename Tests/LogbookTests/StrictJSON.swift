import Foundation
import Logbook

/// Checks JSON lines with a real parser: Python's `json` module, strict (no NaN or
/// Infinity literals, no trailing data), with an `object_pairs_hook` that rejects a
/// repeated key at any depth.
enum StrictJSON {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static let script = #"""
        import json, sys

        def pairs(items):
            seen = set()
            for key, _ in items:
                if key in seen:
                    raise ValueError("duplicate key %r" % key)
                seen.add(key)
            return dict(items)

        def constant(name):
            raise ValueError("non-standard literal %s" % name)

        out = []
        for number, line in enumerate(sys.stdin.read().split("\n")[:-1], 1):
            try:
                value = json.loads(line, object_pairs_hook=pairs, parse_constant=constant)
            except ValueError as error:
                print("line %d: %s: %s" % (number, error, line), file=sys.stderr)
                sys.exit(1)
            if not isinstance(value, dict):
                print("line %d is not an object: %s" % (number, line), file=sys.stderr)
                sys.exit(1)
            out.append({"keys": list(value.keys()), "value": value})
        json.dump(out, sys.stdout)
        """#

    /// Parses each line and returns its top-level keys in order, and the parsed object.
    static func parse(_ lines: [String]) throws -> [(keys: [String], object: [String: Any])] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: String(decoding: message, as: UTF8.self))
        }
        guard let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw Failure(description: "unexpected checker output")
        }
        return entries.map { entry in
            (entry["keys"] as? [String] ?? [], entry["value"] as? [String: Any] ?? [:])
        }
    }

    /// The top-level keys of each line, in order.
    static func keys(of lines: [String]) throws -> [[String]] {
        try parse(lines).map(\.keys)
    }
}
