import Synchronization

/// The installed ``LogRedaction``, compiled for the field pipeline. Instances are never
/// freed, so ``current`` is one atomic load with no reference counting.
package final class RedactionRules: Sendable {
    let configuration: LogRedaction
    /// Whether key rules apply (enabled, with at least one key).
    let checksKeys: Bool
    /// 2¹⁴ bits, one per (length, first byte, last byte) of a small key, bytes by their low
    /// five bits (alike for both cases of a letter); see ``mayMatch(_:filter:)``. Most keys
    /// are ruled out by this one lookup.
    nonisolated(unsafe) let keyFilter: UnsafeMutablePointer<UInt64>
    private let keys: KeySet
    /// The same keys' bytes, for keys not read as a ``SmallString``: faster to compare than
    /// ``KeySet/all``'s strings (a record with two 19-byte keys: 2,090 instructions fewer).
    private let byteKeys: [[UInt8]]
    let hashKey: (UInt64, UInt64)

    init(_ configuration: LogRedaction) {
        self.configuration = configuration
        keys = KeySet(configuration.isEnabled ? configuration.keys.map(LogRedaction.normalized) : [])
        byteKeys = keys.all.map { Array($0.utf8) }
        checksKeys = !byteKeys.isEmpty
        keyFilter = .allocate(capacity: 256)
        keyFilter.initialize(repeating: 0, count: 256)
        for key in byteKeys where key.count <= 15 && key.allSatisfy({ $0 < 0x80 }) {
            // `-` and `_` are equivalent: a key's `_` may be written `-`.
            func spellings(_ byte: UInt8) -> [UInt8] { byte == UInt8(ascii: "_") ? [byte, UInt8(ascii: "-")] : [byte] }
            for first in spellings(key.first ?? 0) {
                for last in spellings(key.last ?? 0) {
                    let index = Self.filterIndex(count: UInt64(key.count), first: UInt64(first), last: UInt64(last))
                    keyFilter[Int(index >> 6)] |= 1 &<< (index & 63)
                }
            }
        }
        hashKey = configuration.hashKey.map(KeyedHash.key(from:)) ?? KeyedHash.processKey
    }

    /// The address of the rules in force; 0 until the first read installs the defaults. A
    /// constant initial value: reading it takes no lazy-initialization call.
    private static let storage = Atomic<UInt>(0)

    /// The address of `rules`, retained for ever.
    private static func address(of rules: RedactionRules) -> UInt {
        UInt(bitPattern: Unmanaged.passRetained(rules).toOpaque())
    }

    @inline(__always)
    static var current: RedactionRules {
        unmanagedCurrent.takeUnretainedValue()
    }

    /// The rules in force, for `_withUnsafeGuaranteedRef` (installed rules are never freed).
    @inline(__always)
    static var unmanagedCurrent: Unmanaged<RedactionRules> {
        let address = storage.load(ordering: .acquiring)
        return Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: address != 0 ? address : installDefaults())!)
    }

    /// Installs the default rules unless rules are in force already (a copy that loses the race
    /// stays allocated, as all rules do); returns the address in force.
    @inline(never)
    private static func installDefaults() -> UInt {
        let defaults = address(of: RedactionRules(.default))
        let (installed, current) = storage.compareExchange(
            expected: 0, desired: defaults, ordering: .acquiringAndReleasing)
        return installed ? defaults : current
    }

    /// Makes `configuration` the rules in force. The previous rules stay allocated: a
    /// record being formatted may still read them.
    static func install(_ configuration: LogRedaction) {
        storage.store(address(of: RedactionRules(configuration)), ordering: .releasing)
    }

    @inline(__always)
    func redacts(at key: UnsafePointer<String>) -> Bool {
        guard checksKeys, Self.mayMatch(key, filter: keyFilter) else { return false }
        if let small = SmallString(at: key) {
            let normalized = SmallString(
                low: Self.normalized(small.low), high: Self.normalized(small.high), count: small.count)
            return keys.slot(of: normalized) != nil
        }
        return redactsSlowly(at: key)
    }

    private func redactsSlowly(at key: UnsafePointer<String>) -> Bool {
        let count = key.pointee.utf8.count
        if keys.lengths & (1 &<< UInt64(count & 63)) == 0 { return false }
        return byteKeys.contains { candidate in
            candidate.count == count && candidate.elementsEqual(key.pointee.utf8.lazy.map(LogRedaction.normalized))
        }
    }

    /// `word` with its ASCII letters lowercased and `-` made `_`. Only the top byte may be 0x80
    /// or more (a ``SmallString``'s discriminator): it is kept. Each sum stays within its byte
    /// (a byte below 0x80 plus at most 0x7F; the top byte carries out of the word), so bytes
    /// do not disturb each other; a lower byte of 0x80 or more could carry into the next one.
    @inline(__always)
    static func normalized(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let ascii = ~word & (ones &* 0x80)
        // High bit set where the byte is at least `A`, and where it is above `Z`.
        let atLeastA = word &+ ones &* (0x80 - 0x41)
        let aboveZ = word &+ ones &* (0x80 - 0x5B)
        let upper = atLeastA & ~aboveZ & ascii
        // High bit set where the byte is not `-`.
        let notDash = (word ^ (ones &* 0x2D)) &+ ones &* 0x7F
        let dash = ~notDash & ascii
        return (word | (upper >> 2)) ^ ((dash >> 7) &* 0x72)
    }

    /// Whether the key at `key` may be redacted by rules with this ``keyFilter``: `false`
    /// for most keys, in a few instructions; always `true` for keys that are not small.
    @inline(__always)
    static func mayMatch(_ key: UnsafePointer<String>, filter: UnsafeMutablePointer<UInt64>) -> Bool {
        guard let small = SmallString(at: key), small.count > 0 else { return true }
        let count = UInt64(small.count)
        let last = count <= 8 ? small.low >> ((count &- 1) &* 8) : small.high >> ((count &- 9) &* 8)
        let index = filterIndex(count: count, first: small.low, last: last)
        return filter[Int(truncatingIfNeeded: index >> 6)] & (1 &<< (index & 63)) != 0
    }

    /// The bit of ``keyFilter`` for a key of `count` bytes, first and last bytes in the low bytes.
    @inline(__always)
    static func filterIndex(count: UInt64, first: UInt64, last: UInt64) -> UInt64 {
        (count &<< 10) | ((first & 0x1F) &<< 5) | (last & 0x1F)
    }

    /// How deep nested objects are searched for redacted keys; anything deeper is replaced by
    /// ``tooDeep`` (fail closed), even for a formatter set to write deeper.
    package static let maximumDepth = 64

    /// What replaces a non-empty array or object nested deeper than ``maximumDepth``.
    package static let tooDeep = "[too deep]"

    /// `value` with redacted keys' values replaced and every nested value converted, at any
    /// depth; `nil` when nothing changed (always for a scalar). The result is written as it
    /// is, never converted again, so a value whose conversion changes between calls cannot
    /// show a key the check did not see. Only for rules that ``checksKeys`` (callers check):
    /// without key rules it would still convert values and cut them at ``maximumDepth``.
    func redactingNested(_ value: LogValue, depth: Int = 0) -> LogValue? {
        switch value {
        case .object(let fields) where depth >= Self.maximumDepth:
            return fields.isEmpty ? nil : .string(Self.tooDeep)
        case .array(let elements) where depth >= Self.maximumDepth:
            return elements.isEmpty ? nil : .string(Self.tooDeep)
        case .object(let fields):
            var changed: [(String, any LogValueConvertible)]?
            for index in fields.storage.indices {
                let (key, nested) = fields.storage[index]
                let replacement: LogValue?
                if withUnsafePointer(to: key, redacts(at:)) {
                    replacement = .string(LogRedaction.placeholder)
                } else if let converted = nested as? LogValue {
                    replacement = redactingNested(converted, depth: depth + 1)
                } else if withUnsafePointer(to: nested, Self.mayNest) {
                    let converted = nested.logValue
                    replacement = redactingNested(converted, depth: depth + 1) ?? converted
                } else {
                    replacement = nil
                }
                if let replacement {
                    if changed == nil { changed = fields.storage }
                    changed![index] = (key, replacement)
                }
            }
            return changed.map { .object(LogFields($0)) }
        case .array(let elements):
            var changed: [LogValue]?
            for index in elements.indices {
                if let replacement = redactingNested(elements[index], depth: depth + 1) {
                    if changed == nil { changed = elements }
                    changed![index] = replacement
                }
            }
            return changed.map { .array($0) }
        default:
            return nil
        }
    }

    /// `converted`, `value`'s conversion, with its nested keys redacted as in
    /// ``redactingNested(_:depth:)`` by the rules in force; as it is when `value` is a
    /// ``LogValue`` (it cannot change: the field pipeline's substitute, or one it checked) or
    /// when no key rule applies.
    @inline(never)
    static func checked(_ converted: LogValue, of value: UnsafePointer<any LogValueConvertible>) -> LogValue {
        let rules = current
        // A layout not read as expected is checked (fail closed).
        guard rules.checksKeys, ExistentialPayload(in: value)?.type != LogValue.self else { return converted }
        return rules.redactingNested(converted) ?? converted
    }

    /// Whether the value may hold nested objects or be marked: any type but the scalars
    /// written without conversion, ``FieldScalar``'s.
    @inline(__always)
    static func mayNest(_ value: UnsafePointer<any LogValueConvertible>) -> Bool {
        FieldScalar(value) == nil
    }
}

extension LogValue {
    /// `value`'s ``LogValueConvertible/logValue`` as a formatter writes a field: converted
    /// once, an array or object through ``RedactionRules/checked(_:of:)``. The field pipeline
    /// (``FieldListBuilder``) leaves a value whose conversion is a scalar in place (no
    /// substitute for every `Date` or `UUID`), so a value whose conversion changes (a scalar
    /// first, an object holding a redacted key later) is checked here, not written unchecked.
    @inline(__always)
    package static func written(_ value: UnsafePointer<any LogValueConvertible>) -> LogValue {
        let converted = value.pointee.logValue
        switch converted {
        case .array, .object: return RedactionRules.checked(converted, of: value)
        default: return converted
        }
    }

    var nestedOrNil: LogValue? {
        switch self {
        case .array, .object: self
        default: nil
        }
    }
}
