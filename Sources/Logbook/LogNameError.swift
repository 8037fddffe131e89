/// The error thrown by ``Log/init(validating:)``: a valid name is non-empty segments separated
/// by single dots, with no whitespace or control characters (`payments.gateway`).
public struct LogNameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why a name was rejected.
    public enum Reason: Sendable, Hashable {
        /// The name is empty; use ``Log/root`` for the root logger.
        case empty
        /// The name starts or ends with a dot, or has two dots in a row.
        case emptySegment
        /// The name contains whitespace or a control character.
        case whitespaceOrControlCharacter
    }

    /// The rejected name, exactly as given.
    public let name: String
    /// Why it was rejected.
    public let reason: Reason

    /// Creates the error, e.g. to compare with one that was thrown.
    public init(name: String, reason: Reason) {
        self.name = name
        self.reason = reason
    }

    /// A message naming the rejected name, the rule it breaks and the expected form.
    public var description: String {
        let rule =
            switch reason {
            case .empty: "it is empty (use Log.root for the root logger)"
            case .emptySegment: "it has an empty segment (a leading or trailing dot, or two dots in a row)"
            case .whitespaceOrControlCharacter: "it contains whitespace or a control character"
            }
        return "invalid logger name \(quoted(name)): \(rule); expected dot-separated segments like \"payments.gateway\""
    }
}

enum LoggerName {
    static let root = "root"

    static func validate(_ name: String) throws(LogNameError) {
        if name.isEmpty { throw LogNameError(name: name, reason: .empty) }
        if name.unicodeScalars.contains(where: isDisallowed) {
            throw LogNameError(name: name, reason: .whitespaceOrControlCharacter)
        }
        if name.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw LogNameError(name: name, reason: .emptySegment)
        }
    }

    /// The normal form of `name`, as ``Log/init(_:)`` describes it; `""` for the root.
    static func normalize(_ name: String) -> String {
        if (try? validate(name)) != nil { return name }
        var segments: [String] = []
        for rawSegment in name.split(separator: ".", omittingEmptySubsequences: true) {
            var scalars = Substring(rawSegment).unicodeScalars
            while let first = scalars.first, isDisallowed(first) { scalars.removeFirst() }
            while let last = scalars.last, isDisallowed(last) { scalars.removeLast() }
            guard !scalars.isEmpty else { continue }
            segments.append(String(String.UnicodeScalarView(scalars.map { isDisallowed($0) ? "_" : $0 })))
        }
        return segments.joined(separator: ".")
    }

    /// The name records carry for the logger `name` addresses (`root.a` is `a`); `nil` for the root.
    static func addressed(by name: String) -> String? {
        var name = Substring(normalize(name))
        while name == root || name.hasPrefix(root + ".") { name = name.dropFirst(root.count + 1) }
        return name.isEmpty ? nil : String(name)
    }

    private static func isDisallowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The names of `name` and its ancestors below the root: `a.b.c` gives `a`, `a.b`, `a.b.c`.
    static func lineage(of name: String) -> [String] {
        name.indices.filter { name[$0] == "." }.map { String(name[..<$0]) } + [name]
    }
}
