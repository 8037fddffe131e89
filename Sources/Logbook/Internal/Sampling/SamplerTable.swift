/// The call-site groups of one ``LogSampler`` in flat memory, so the logging path reads
/// and counts them with no reference counting, no exclusivity checks and no hashing of
/// the file name's bytes.
///
/// Not thread-safe: every method must be called under the owning sampler's lock.
final class SamplerTable: @unchecked Sendable {
    /// One call site's group. Plain values only.
    struct Entry {
        var line: UInt
        var level: LogLevel
        var isOccupied: Bool
        /// The group's index in the layout's `files` and ``SamplerTable/messages``.
        var ordinal: Int
        /// When the interval began, in ``System/coarseMonotonicNanoseconds()``.
        var start: Int64
        /// Records seen in the interval.
        var count: Int
        /// Records dropped and not yet reported, from this or earlier intervals.
        var dropped: Int
    }

    /// Where the table is and how big, behind a pointer: the logging path reads them
    /// with no exclusivity check, which a class's stored `var` would cost.
    private struct Layout {
        /// The open-addressed table (linear probing), its capacity a power of two.
        var entries: UnsafeMutablePointer<Entry>
        var capacity: Int
        var occupied: Int
        /// Each group's file name and the message of its first unreported drop, by
        /// ordinal. Touched only when a group is added, a message noted or a summary taken.
        var files: [String] = []
        var messages: [String?] = []
    }

    private let layout: UnsafeMutablePointer<Layout>

    /// The entries, ``capacity`` of them; vacant ones have ``Entry/isOccupied`` false.
    var entries: UnsafeMutablePointer<Entry> { layout.pointee.entries }
    var capacity: Int { layout.pointee.capacity }

    init() {
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: 16)
        entries.initialize(repeating: Self.vacant, count: 16)
        layout = .allocate(capacity: 1)
        layout.initialize(to: Layout(entries: entries, capacity: 16, occupied: 0))
    }

    deinit {
        entries.deinitialize(count: capacity)
        entries.deallocate()
        layout.deinitialize(count: 1)
        layout.deallocate()
    }

    private static let vacant = Entry(
        line: 0, level: .trace, isOccupied: false, ordinal: 0, start: 0, count: 0, dropped: 0)

    /// Where probing for a site starts: a hash of its line, level and file name length,
    /// which are cheap and equal for equal sites however the name is stored.
    @inline(__always)
    private func home(line: UInt, level: LogLevel, fileLength: Int) -> Int {
        let hash = (line &* 0x9E37_79B9_7F4A_7C15) ^ (UInt(level.rawValue) &<< 59) ^ (UInt(fileLength) &* 0x2545_F491)
        return Int(truncatingIfNeeded: hash >> 17) & (capacity - 1)
    }

    /// The index of the entry for the site, added with its interval starting at `now`
    /// when absent. Adding may move every entry (``grow()``): read ``entries`` after it.
    @inline(__always)
    func index(file: String, line: UInt, level: LogLevel, now: Int64) -> Int {
        let mask = capacity - 1
        var index = home(line: line, level: level, fileLength: file.utf8.count)
        while entries[index].isOccupied {
            let entry = entries[index]
            if entry.line == line && entry.level == level && isFile(file, at: entry.ordinal) { return index }
            index = (index + 1) & mask
        }
        return add(file: file, line: line, level: level, now: now)
    }

    /// Whether the group at `ordinal` is for `file`. `String`'s `==` recognises the same
    /// `#fileID` literal by identity before it would compare bytes.
    @inline(never)
    private func isFile(_ file: String, at ordinal: Int) -> Bool {
        layout.pointee.files[ordinal] == file
    }

    @inline(never)
    private func add(file: String, line: UInt, level: LogLevel, now: Int64) -> Int {
        if (layout.pointee.occupied + 1) * 2 > capacity { grow() }
        let mask = capacity - 1
        var index = home(line: line, level: level, fileLength: file.utf8.count)
        while entries[index].isOccupied { index = (index + 1) & mask }
        entries[index] = Entry(
            line: line, level: level, isOccupied: true, ordinal: layout.pointee.files.count, start: now, count: 0,
            dropped: 0)
        layout.pointee.files.append(file)
        layout.pointee.messages.append(nil)
        layout.pointee.occupied += 1
        return index
    }

    private func grow() {
        let old = entries
        let oldCapacity = capacity
        layout.pointee.capacity = oldCapacity * 2
        layout.pointee.entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Self.vacant, count: capacity)
        let mask = capacity - 1
        for position in 0..<oldCapacity where old[position].isOccupied {
            let entry = old[position]
            var index = home(
                line: entry.line, level: entry.level, fileLength: layout.pointee.files[entry.ordinal].utf8.count)
            while entries[index].isOccupied { index = (index + 1) & mask }
            entries[index] = entry
        }
        old.deinitialize(count: oldCapacity)
        old.deallocate()
    }

    /// The message of the first unreported drop of the entry at `index`, if noted.
    func message(at index: Int) -> String? {
        layout.pointee.messages[entries[index].ordinal]
    }

    func setMessage(_ message: String?, at index: Int) {
        layout.pointee.messages[entries[index].ordinal] = message
    }
}
