/// A growable list of records that are moved in and moved out, never copied: the
/// storage of ``AsyncQueue``.
///
/// An `Array` hands its elements out as copies (every reference in a record retained,
/// and released again after formatting). Here a producer's record is moved into a slot
/// and the writer moves it out to format it, so the only reference counting left is
/// the record's own destruction, once.
struct RecordBuffer {
    private var base: UnsafeMutablePointer<LogRecord>
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    var isEmpty: Bool { count == 0 }

    /// Moves `record` in at the end.
    mutating func append(_ record: consuming LogRecord) {
        if count == capacity { grow() }
        (base + count).initialize(to: record)
        count += 1
    }

    /// Calls `body` with each record in order, moved out of the buffer, which is then
    /// empty. The records are destroyed after `body` returns for each.
    mutating func removeEach(_ body: (borrowing LogRecord) -> Void) {
        let records = count
        count = 0
        for index in 0..<records {
            let record = (base + index).move()
            body(record)
        }
    }

    /// Destroys every record.
    mutating func removeAll() {
        (base).deinitialize(count: count)
        count = 0
    }

    /// Returns the storage; the buffer must not be used afterwards.
    mutating func deallocate() {
        removeAll()
        base.deallocate()
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<LogRecord>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
