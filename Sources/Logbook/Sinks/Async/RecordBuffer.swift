/// The records of an ``AsyncQueue`` in order, moved in and out and read in place, never
/// copied as an `Array` would hand them out.
struct RecordBuffer {
    private var records: UnsafeMutablePointer<LogRecord>
    private var capacity: Int
    private var stored = 0
    /// Records `..<popped` were taken out, `..<written` were written.
    private var popped = 0
    private var written = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        records = .allocate(capacity: self.capacity)
    }

    var unwrittenCount: Int { stored - written }

    /// Whether every record was written.
    var isEmpty: Bool { written == stored }

    /// Whether every record was taken out by ``popRecord(into:)``.
    var isDrained: Bool { popped == stored }

    mutating func append(_ record: consuming LogRecord) {
        if stored == capacity { grow() }
        (records + stored).initialize(to: record)
        stored += 1
    }

    /// Calls `body` with each unwritten record in place and counts it as written; it
    /// stays for ``popRecord(into:)``.
    mutating func forEachUnwritten(_ body: (inout LogRecord) -> Void) {
        while written < stored {
            body(&records[written])
            written += 1
        }
    }

    /// Moves the oldest written record not yet taken into the uninitialized `slot` and
    /// returns `true`, or returns `false` when none is left.
    mutating func popRecord(into slot: UnsafeMutablePointer<LogRecord>) -> Bool {
        guard popped < written else { return false }
        slot.moveInitialize(from: records + popped, count: 1)
        popped += 1
        if popped == stored {
            popped = 0
            written = 0
            stored = 0
        }
        return true
    }

    /// Destroys every record held.
    mutating func removeAll() {
        (records + popped).deinitialize(count: stored - popped)
        stored = 0
        popped = 0
        written = 0
    }

    /// The buffer must not be used afterwards.
    mutating func deallocate() {
        removeAll()
        records.deallocate()
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<LogRecord>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: records + popped, count: stored - popped)
        records.deallocate()
        records = larger
        stored -= popped
        written -= popped
        popped = 0
        capacity *= 2
    }
}
