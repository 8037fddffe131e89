import Synchronization

/// Fields bound to the current task tree and attached to every record created in it, in child
/// tasks too, never in a concurrent request's (<doc:Context>). Binding more adds a scope that
/// shares the outer ones. `Task.detached`, threads and Dispatch queues do not inherit it: re-bind
/// ``current`` with ``with(_:operation:)-8a222`` (async: ``with(_:operation:)-19let``).
public struct LogContext: Sendable, CustomStringConvertible {
    @usableFromInline
    let scope: Scope?

    /// The empty context.
    public init() { scope = nil }

    /// A context holding `fields`, with no outer scope.
    public init(_ fields: LogFields) { self = LogContext().adding(fields) }

    init(scope: Scope?) { self.scope = scope }

    /// Whether the context holds no fields.
    @inlinable
    public var isEmpty: Bool { scope?.hasFields != true }

    var tap: LevelOverride? { scope?.tap }

    /// This context with a scope of `own` (each key once) on top, its tap and level override replaced
    /// if given; a chain ``Scope/maximumDepth`` deep is collapsed into one, so reading it stays bounded.
    func pushing(_ own: LogFields, tap: LevelOverride? = nil, levelOverride: LevelOverride? = nil) -> LogContext {
        let collapsing = (scope?.depth ?? 0) >= Scope.maximumDepth
        let top = Scope(
            fields: collapsing ? fields.merging(own) : own, parent: collapsing ? nil : scope,
            tap: tap ?? self.tap, levelOverride: levelOverride ?? scope?.levelOverride)
        return LogContext(scope: top)
    }

    /// Whether a level override (``with(level:operation:)-9oxvr``) bound here admits `level`.
    @inline(__always)
    func overrideAdmits(_ level: LogLevel) -> Bool {
        scope?.levelOverride?.openLevel.map { level >= $0 } ?? false
    }

    /// The lowest level a level override or an open test capture bound here wants.
    var lowestWantedLevel: LogLevel? {
        let override = scope?.levelOverride?.openLevel
        guard let tapLevel = scope?.tap?.lowestOpenLevel else { return override }
        return override.map { min($0, tapLevel) } ?? tapLevel
    }

    /// This context with `fields` in a new innermost scope, overriding keys present; `self` is unchanged.
    public func adding(_ fields: LogFields) -> LogContext {
        fields.isEmpty ? self : pushing(fields.deduplicated())
    }

    /// The value a record would get for `key`, or `nil`.
    public subscript(key: String) -> (any LogValueConvertible)? {
        guard let scope else { return nil }
        return sequence(first: scope, next: \.parent).lazy.compactMap { $0.fields[key] }.first
    }

    /// Every field with each key once (inner scopes win), outermost scope first.
    public var fields: LogFields {
        var merged: [(String, any LogValueConvertible)] = []
        forEachField { merged.append(($0, $1)) }
        return LogFields(merged)
    }

    /// Calls `body` once per distinct key with the innermost value, outermost scope first.
    public func forEachField(_ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void) rethrows {
        try forEachField(redacted: false, body)
    }

    /// ``forEachField(_:)``; with `redacted`, each value as the rules in force write it, for
    /// integrations that hand fields to other logging systems.
    package func forEachField(
        redacted: Bool, _ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void
    ) rethrows {
        guard let scope, scope.hasFields else { return }
        let capacity = scope.chainFieldCount
        let rules = redacted ? RedactionRules.unmanagedCurrent : Self.unredacted
        try withUnsafeTemporaryAllocation(of: FieldList.Entry.self, capacity: capacity) { slots in
            var list = FieldListBuilder(slots.baseAddress!, capacity: capacity, rules: rules)
            if capacity > FieldKeys.hashingThreshold && !scope.keysAreUnique {
                var claimed = Set<FieldKeys.HashedKey>()
                scope.appendFieldsByHashing(claiming: &claimed, to: &list)
            } else {
                scope.appendFields(innermost: scope, skipping: FieldShadows(), to: &list)
            }
            defer { list.deinitialize() }
            let fields = list.list
            for index in 0..<fields.count { try body(fields[index].key.pointee, fields[index].value.pointee) }
        }
    }

    /// The merged fields, outermost scope first.
    public var description: String { fields.description }

    private static let unredacted = Unmanaged.passRetained(RedactionRules(.disabled))
}

extension LogContext {
    /// One level of bound fields, linked to the scope it was bound inside.
    @usableFromInline
    final class Scope: Sendable {
        static let maximumDepth = 16

        /// Each key once.
        @usableFromInline let fields: LogFields
        @usableFromInline let parent: Scope?
        /// Whether no key appears twice from here outwards, so iteration needs no shadowing checks;
        /// `false` where finding out takes over ``FieldKeys/hashingThreshold`` key comparisons per field.
        @usableFromInline let keysAreUnique: Bool
        /// Whether this scope or an outer one holds a field (a capture's scope holds none).
        @usableFromInline let hasFields: Bool
        /// The innermost ones bound here or outside.
        let tap: LevelOverride?
        let levelOverride: LevelOverride?
        let depth: Int
        /// Of this scope and every outer one.
        let chainFieldCount: Int
        let chainKeyBits: UInt64
        /// The ``FieldListBuilder/rulesIdentity`` under which this scope's own fields need no check.
        let redactionCleanFor = Atomic<UInt>(0)

        init(fields: LogFields, parent: Scope?, tap: LevelOverride?, levelOverride: LevelOverride?) {
            self.fields = fields
            self.parent = parent
            self.tap = tap
            self.levelOverride = levelOverride
            self.hasFields = !fields.isEmpty || parent?.hasFields == true
            self.depth = (parent?.depth ?? 0) + 1
            self.chainFieldCount = fields.count + (parent?.chainFieldCount ?? 0)
            self.chainKeyBits = FieldKeys.scan(fields.entries).bits | (parent?.chainKeyBits ?? 0)
            self.keysAreUnique =
                fields.count * (parent?.chainFieldCount ?? 0) <= FieldKeys.hashingThreshold * chainFieldCount
                && (parent.map { parent in parent.keysAreUnique && !fields.contains { parent.hasKey($0.key) } } ?? true)
        }

        /// Whether this scope or an outer one, up to `end` (exclusive), has `key`.
        func hasKey(_ key: String, before end: Scope? = nil) -> Bool {
            withUnsafePointer(to: key) { key in
                var current: Scope? = self
                while let node = current, node !== end {
                    if FieldKeys.contains(at: key, in: node.fields.entries) { return true }
                    current = node.parent
                }
                return false
            }
        }

        func appendFieldsAsInnermost(skipping shadows: FieldShadows, to list: inout FieldListBuilder) {
            if hasFields { appendFields(innermost: self, skipping: shadows, to: &list) }
        }

        /// Appends the chain's entries in place, outermost first, but keys `shadows` or a scope nearer `innermost` has.
        func appendFields(innermost: Scope, skipping shadows: FieldShadows, to list: inout FieldListBuilder) {
            if let parent { parent.appendFields(innermost: innermost, skipping: shadows, to: &list) }
            let checkInnerScopes = !innermost.keysAreUnique && innermost !== self
            let entries = fields.entries
            let checking = needsRedactionChecks(list)
            for index in entries.indices {
                let key = FieldKeys.key(entries, index)
                if shadows.hides(at: key) { continue }
                if checkInnerScopes && innermost.hasKey(key.pointee, before: self) { continue }
                list.append(entries, index, checking: checking)
            }
        }

        /// ``appendFields(innermost:skipping:to:)`` in linear time, for chains past ``FieldKeys/hashingThreshold``
        /// fields: the keys `claimed` lacks, claimed innermost scope first, appended (if `appending`) outermost first.
        func appendFieldsByHashing(
            claiming claimed: inout Set<FieldKeys.HashedKey>, to list: inout FieldListBuilder, appending: Bool = true
        ) {
            let winners = FieldKeys.lastOccurrences(fields.entries, claiming: &claimed)
            parent?.appendFieldsByHashing(claiming: &claimed, to: &list, appending: appending)
            guard appending else { return }
            let checking = needsRedactionChecks(list)
            for index in winners { list.append(fields.entries, index, checking: checking) }
        }
    }
}
