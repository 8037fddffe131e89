/// A growable byte buffer that formatters encode records into (see <doc:WritingSinksAndFormatters>
/// for a formatter that uses it).
///
/// Sinks reuse one buffer per thread (see ``withScratch(_:)``), so steady-state
/// formatting allocates nothing. The buffer is non-copyable: pass it `inout`.
public struct LogBuffer: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var used: Int
    @usableFromInline var capacity: Int
    var cachedUTCDateTime = CachedDateTime()
    var cachedLocalDateTime = CachedDateTime()

    /// Creates an empty buffer with room for `capacity` bytes before it grows.
    public init(capacity: Int = 1024) {
        let size = max(capacity, 16)
        base = .allocate(capacity: size)
        used = 0
        self.capacity = size
    }

    deinit {
        base.deallocate()
    }

    /// The number of bytes written.
    @inlinable public var count: Int { used }

    /// Whether nothing has been written.
    @inlinable public var isEmpty: Bool { used == 0 }

    package subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < used, "LogBuffer index out of range")
        return base[index]
    }

    /// Removes every byte, keeping the storage for reuse.
    @inlinable
    public mutating func removeAll() {
        used = 0
    }

    /// Shortens the buffer to its first `count` bytes. Longer counts are ignored.
    @inlinable
    public mutating func truncate(to count: Int) {
        if count >= 0 && count < used { used = count }
    }

    /// Room for `additional` more bytes. Writers then advance ``used`` with `&+=`: it stays
    /// within the capacity, so the sum cannot overflow (one check per write saved).
    package mutating func reserveCapacity(_ additional: Int) {
        if additional > capacity &- used { grow(toAtLeast: used + additional) }
    }

    @usableFromInline
    mutating func grow(toAtLeast needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        reallocate(capacity: newCapacity)
    }

    /// Releases storage beyond `limit` bytes, for a buffer kept after an unusually large record.
    mutating func shrink(ifLargerThan limit: Int, to size: Int) {
        if capacity > limit && used <= size { reallocate(capacity: size) }
    }

    private mutating func reallocate(capacity newCapacity: Int) {
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: used)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends one byte.
    @inlinable
    public mutating func append(_ byte: UInt8) {
        if used == capacity { grow(toAtLeast: used + 1) }
        base[used] = byte
        used &+= 1
    }

    /// Appends raw bytes.
    @inlinable
    public mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        let length = bytes.count
        guard length > 0, let source = bytes.baseAddress else { return }
        if length > capacity &- used { grow(toAtLeast: used + length) }
        let destination = UnsafeMutableRawPointer(base + used)
        if length >= 4 && length < 8 {
            // Short names and keys: two 4-byte words, overlapping, instead of a call.
            let first = source.loadUnaligned(as: UInt32.self)
            let last = source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            destination.storeBytes(of: first, as: UInt32.self)
            destination.storeBytes(of: last, toByteOffset: length - 4, as: UInt32.self)
        } else if length >= 8 && length <= 32 {
            // Keys, level names, timestamps: whole words, the last ones overlapping.
            func copyWord(at offset: Int) {
                let word = source.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                destination.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
            }
            copyWord(at: 0)
            if length > 16 {
                copyWord(at: 8)
                copyWord(at: length - 16)
            }
            copyWord(at: length - 8)
        } else {
            destination.copyMemory(from: source, byteCount: length)
        }
        used &+= length
    }

    /// Appends raw bytes.
    @inlinable
    public mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(contentsOf: $0) }
    }

    /// Appends a string's UTF-8 bytes, unescaped.
    @inlinable
    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with `text`'s UTF-8: a native string's in place, others' made contiguous.
    @inline(__always)
    static func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = text
        return text.withUTF8(body)
    }

    /// Appends `value` in decimal.
    public mutating func appendDecimal(_ value: Int) {
        if value >= 0 && value < 10 {
            append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        if value >= 10 && value < 1000 {
            // Status codes, counts, milliseconds: two or three digits without a loop.
            reserveCapacity(3)
            if value >= 100 {
                base[used] = UInt8(truncatingIfNeeded: value / 100) &+ 0x30
                used &+= 1
            }
            base[used] = UInt8(truncatingIfNeeded: value / 10 % 10) &+ 0x30
            base[used &+ 1] = UInt8(truncatingIfNeeded: value % 10) &+ 0x30
            used &+= 2
            return
        }
        if value < 0 { append(UInt8(ascii: "-")) }
        reserveCapacity(20)
        let first = used
        var magnitude = value.magnitude
        repeat {  // lowest digit first, then reversed
            base[used] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
            used += 1
            magnitude /= 10
        } while magnitude != 0
        var digits = UnsafeMutableBufferPointer(start: base + first, count: used - first)
        digits.reverse()
    }

    /// Calls `body` with the bytes written so far.
    @inlinable
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: used))
    }

    /// The bytes written so far, decoded as UTF-8 (invalid sequences become U+FFFD).
    public var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: used), as: UTF8.self)
    }

    package var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: used))
    }

    /// Runs `body` with an empty buffer reused by the calling thread, which keeps its storage between
    /// calls. A nested call on the same thread gets a fresh temporary buffer, so the two never
    /// overwrite each other. Do not let the buffer's bytes escape `body`.
    public static func withScratch<Result, Failure: Error>(
        _ body: (inout LogBuffer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        // The thread's slot keeps the scratch alive: use it without retaining it.
        let unmanaged = ThreadScratch.unmanagedCurrent
        let outcome: Swift.Result<Result, Failure> = unmanaged._withUnsafeGuaranteedRef { scratch in
            do throws(Failure) {
                guard !scratch.bufferInUse else {
                    var temporary = LogBuffer(capacity: 1024)
                    return .success(try body(&temporary))
                }
                scratch.bufferInUse = true
                defer {
                    scratch.buffer.pointee.shrink(ifLargerThan: 256 * 1024, to: 16 * 1024)
                    scratch.bufferInUse = false
                }
                scratch.buffer.pointee.removeAll()
                return .success(try body(&scratch.buffer.pointee))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
