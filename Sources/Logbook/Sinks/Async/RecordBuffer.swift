/// The records of an ``AsyncQueue`` in order, moved in and out and read in place, never
/// copied as an `Array` would hand them out. A buffer is either all unwritten (`pending`,
/// the writer's batch) or all written (`finished`, popped by callers), so one read index
/// serves both.
struct RecordBuffer {
    private var records: UnsafeMutablePointer<LogRecord>
    private var capacity: Int
    private var stored = 0
    /// Records `..<popped` were taken out.
    private var popped = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        records = .allocate(capacity: self.capacity)
    }

    var count: Int { stored - popped }

    var isEmpty: Bool { popped == stored }

    mutating func append(_ record: consuming LogRecord) {
        if stored == capacity { grow() }
        (records + stored).initialize(to: record)
        stored += 1
    }

    /// Calls `body` with each record in place, oldest first.
    func forEachRecord(_ body: (inout LogRecord) -> Void) {
        for index in popped..<stored { body(&records[index]) }
    }

    /// Moves the oldest record into the uninitialized `slot` and returns `true`, or returns
    /// `false` when none is left.
    mutating func popRecord(into slot: UnsafeMutablePointer<LogRecord>) -> Bool {
        guard popped < stored else { return false }
        slot.moveInitialize(from: records + popped, count: 1)
        popped += 1
        if popped == stored {
            popped = 0
            stored = 0
        }
        return true
    }

    mutating func removeAll() {
        (records + popped).deinitialize(count: stored - popped)
        stored = 0
        popped = 0
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
        popped = 0
        capacity *= 2
    }
}
