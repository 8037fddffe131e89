/// The keys a logfmt line has written, for ``LogfmtFieldWriter``'s second pass: a key
/// that repeats one written gets the `fields.` prefix as often as needed to be new.
///
/// Trying `fields.k`, `fields.fields.k`, … against a set of the keys written costs a
/// line with many keys that clean up to the same text (`k=1`, `k 1`, `k\u{1}`, …) work
/// and memory quadratic in their number, and more, since each try builds and hashes a
/// longer key. Here a key is held as its core (the text after its leading `fields.`) and
/// the number of those prefixes, and each core keeps which counts are taken as links to
/// the next count that may be free, shortened as they are followed, so each claim costs
/// about the length of its key.
struct LogfmtKeyClaims {
    /// Per core: the first count taken (no allocation for a core claimed once, the
    /// usual case), and for the others, count to a count no lower that may be free
    /// (every count in between is taken).
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
        // Every count passed is taken up to `free`, now taken too: each links past it, so
        // the next claim through them takes one step.
        for step in passed { counts.links[step] = free + 1 }
        counts.links[free] = free + 1
        return free
    }

    /// `key` without its leading `fields.` prefixes, and how many there were. (Equal keys
    /// give equal cores and counts: the prefix is ASCII and combines with nothing.)
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
