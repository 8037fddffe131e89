/// The keys a logfmt line has written, for ``LogfmtFieldWriter``'s second pass: a key that
/// repeats one written gets the `fields.` prefix as often as needed to be new.
///
/// Trying `fields.k`, `fields.fields.k`, … in turn is quadratic in the number of keys that
/// clean up to the same text (`k=1`, `k 1`, …). Here a key is its core (the text after its
/// leading `fields.`) and its number of prefixes; each core links taken counts to the next
/// count that may be free, shortened as followed, so a claim costs about its key's length.
struct LogfmtKeyClaims {
    /// Per core: the first count taken (no allocation for a core claimed once, the usual case),
    /// and for the others, count to a count no lower that may be free (all between are taken).
    private struct Counts {
        var first: Int
        var links: [Int: Int] = [:]
    }

    private var cores: [String: Counts] = [:]

    /// Claims each of `keys` (the formatter's own, written as they are).
    init(_ keys: [String]) {
        for key in keys { _ = claim(key) }
    }

    /// Claims the first key free among `key`, `fields.` + `key`, `fields.fields.` + `key`,
    /// …, and returns it as its core and its number of `fields.` prefixes.
    mutating func claim(_ key: String) -> (core: String, prefixes: Int) {
        let (core, lowest) = Self.split(key)
        guard let counts = cores[core] else {
            cores[core] = Counts(first: lowest)
            return (core, lowest)
        }
        return (core, Self.claim(from: lowest, in: &cores[core, default: counts]))
    }

    /// The lowest count from `lowest` on that is free in `counts`, now taken.
    private static func claim(from lowest: Int, in counts: inout Counts) -> Int {
        var free = lowest
        var passed: [Int] = []
        while true {
            if free == counts.first {
                free += 1
            } else if let next = counts.links[free] {
                passed.append(free)
                free = next
            } else {
                break
            }
        }
        // Every count passed, and `free`, now link past `free`: the next claim takes one step.
        for step in passed { counts.links[step] = free + 1 }
        counts.links[free] = free + 1
        return free
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
