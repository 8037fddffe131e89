/// The keys a logfmt line has written, for ``LogfmtFieldWriter``'s second pass.
///
/// Trying `fields.k`, `fields.fields.k`, … in turn is quadratic in the number of keys that
/// clean up to the same text (`k=1`, `k 1`, …). Here a key is its core (the text after its
/// leading `fields.`) and its number of prefixes; each taken key links to the next count of
/// its core that may be free, shortened as followed, so a claim costs about its key's length.
struct LogfmtKeyClaims {
    private struct Key: Hashable {
        let core: String
        let prefixes: Int
    }

    /// Per key taken: a count no lower that may be free (all between are taken).
    private var next: [Key: Int] = [:]

    /// Claims each of `keys` (the formatter's own, written as they are).
    init(_ keys: [String]) {
        for key in keys { _ = claim(key) }
    }

    /// Claims the first key free among `key`, `fields.` + `key`, `fields.fields.` + `key`,
    /// …, and returns it as its core and its number of `fields.` prefixes.
    mutating func claim(_ key: String) -> (core: String, prefixes: Int) {
        let (core, lowest) = Self.split(key)
        var free = lowest
        var passed: [Int] = []
        while let step = next[Key(core: core, prefixes: free)] {
            passed.append(free)
            free = step
        }
        // Every count passed, and `free`, now link past `free`: the next claim takes one step.
        for count in passed { next[Key(core: core, prefixes: count)] = free + 1 }
        next[Key(core: core, prefixes: free)] = free + 1
        return (core, free)
    }

    /// `key` without its leading `fields.` prefixes, and how many there were (the prefix is ASCII
    /// and combines with nothing, so equal keys give equal cores and counts).
    private static func split(_ key: String) -> (core: String, prefixes: Int) {
        let prefix = KeySet.renamePrefix.utf8
        var rest = key.utf8[...]
        var prefixes = 0
        while rest.starts(with: prefix) {
            rest = rest.dropFirst(prefix.count)
            prefixes += 1
        }
        return prefixes == 0 ? (key, 0) : (String(key[rest.startIndex...]), prefixes)
    }
}
