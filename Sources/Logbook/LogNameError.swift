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

/// A logger name's structure: segments separated by the dot scalar U+002E (its UTF-8 byte),
/// wherever it falls in a `Character`. A dot followed by a combining mark, or preceded by a
/// prepend mark (U+0600), is part of a larger grapheme cluster but separates segments all the
/// same, as Python's `logging` splits names. No canonical decomposition holds a dot, so names
/// that compare equal (canonically equivalent) have the same segments, each equal in turn.
enum LoggerName {
    static let root = "root"
    static let dot = UInt8(ascii: ".")

    static func validate(_ name: String) throws(LogNameError) {
        if name.isEmpty { throw LogNameError(name: name, reason: .empty) }
        if name.unicodeScalars.contains(where: isDisallowed) {
            throw LogNameError(name: name, reason: .whitespaceOrControlCharacter)
        }
        if name.utf8.split(separator: dot, omittingEmptySubsequences: false).contains(where: { $0.isEmpty }) {
            throw LogNameError(name: name, reason: .emptySegment)
        }
    }

    /// The normal form of `name`, as ``Log/init(_:)`` describes it; `""` for the root.
    static func normalize(_ name: String) -> String {
        if (try? validate(name)) != nil { return name }
        var segments: [String] = []
        for segment in name.unicodeScalars.split(separator: ".", omittingEmptySubsequences: true) {
            let scalars = segment.trimming(isDisallowed)
            guard !scalars.isEmpty else { continue }
            segments.append(String(String.UnicodeScalarView(scalars.map { isDisallowed($0) ? "_" : $0 })))
        }
        return segments.joined(separator: ".")
    }

    /// The name records carry for the logger the normalized `name` addresses (`root.a` is `a`);
    /// `nil` for the root.
    static func addressed(by name: String) -> String? {
        var name = Substring(name)
        while !name.isEmpty {
            let end = dots(in: name).first ?? name.endIndex
            guard name[..<end] == root else { break }
            name = end == name.endIndex ? "" : name[name.utf8.index(after: end)...]
        }
        return name.isEmpty ? nil : String(name)
    }

    private static func isDisallowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The positions of the dots separating `name`'s segments.
    static func dots<Name: StringProtocol>(in name: Name) -> LazyFilterSequence<Name.UTF8View.Indices> {
        name.utf8.indices.lazy.filter { name.utf8[$0] == dot }
    }
}
