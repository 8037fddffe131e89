import Synchronization

/// Fields bound to the current task tree, attached to every record created inside it.
///
/// Middleware binds request-scoped fields once; every record created below it, by any
/// logger, in any layer and in child tasks, carries them:
///
/// ```swift
/// await LogContext.with(["request_id": "r-42", "user_id": "u-7"]) {
///     await handle(request)   // every record in here has request_id and user_id
/// }
/// ```
///
/// The context lives in a task-local value, never on shared logger state, so concurrent
/// requests cannot see each other's fields. It is immutable: binding more fields creates
/// a new scope on top of the current one, sharing the outer scopes rather than copying
/// them. Child tasks (`async let`, task groups, `Task {}`) inherit it; `Task.detached`,
/// threads and Dispatch queues do not: capture ``current`` and re-bind it there with
/// ``with(_:operation:)-8a222`` (or, in a detached task, its async form
/// ``with(_:operation:)-19let``).
public struct LogContext: Sendable {
    @usableFromInline
    let scope: Scope?

    /// The empty context.
    public init() { scope = nil }

    /// A context holding `fields`, with no outer scope.
    public init(_ fields: LogFields) {
        scope = fields.isEmpty ? nil : Scope(fields: fields.deduplicated(), parent: nil)
    }

    init(scope: Scope?) { self.scope = scope }

    /// Whether the context holds no fields.
    @inlinable
    public var isEmpty: Bool { scope?.hasFields != true }

    /// The innermost test capture bound in this task tree, riding on the scope chain (no
    /// extra task-local read).
    var tap: LogTap? { scope?.tap }

    /// This context with a scope of no fields on top, binding `tap` as the innermost test
    /// capture or `levelOverride` as the innermost level override.
    func binding(tap: LogTap? = nil, levelOverride: LevelOverride? = nil) -> LogContext {
        pushing(LogFields(), tap: tap, levelOverride: levelOverride)
    }

    /// This context with a scope of `own` (each key once) on top, binding `tap` and
    /// `levelOverride` when given. A chain ``Scope/maximumDepth`` deep is collapsed into
    /// one scope instead, so reading it stays bounded however often a context is extended
    /// or captured and bound again.
    private func pushing(_ own: LogFields, tap: LogTap? = nil, levelOverride: LevelOverride? = nil) -> LogContext {
        guard let scope, scope.depth >= Scope.maximumDepth else {
            return LogContext(scope: Scope(fields: own, parent: scope, tap: tap, levelOverride: levelOverride))
        }
        return LogContext(
            scope: Scope(
                fields: fields.merging(own), parent: nil, tap: tap ?? scope.tap,
                levelOverride: levelOverride ?? scope.levelOverride))
    }

    /// Whether a level override (see ``with(level:operation:)-9oxvr``), riding on the scope
    /// chain like ``tap``, lets a record at `level` through where its logger's level would not.
    @inline(__always)
    func overrideAdmits(_ level: LogLevel) -> Bool {
        guard let override = scope?.levelOverride?.openLevel else { return false }
        return level >= override
    }

    /// Whether a level override or an open test capture bound here wants a record at
    /// `level` that its logger's level would not deliver.
    func wants(_ level: LogLevel) -> Bool {
        if overrideAdmits(level) { return true }
        return scope?.tap?.lowestOpenLevel.map { level >= $0 } ?? false
    }

    /// The lowest level a level override or an open test capture bound here wants.
    var lowestWantedLevel: LogLevel? {
        let override = scope?.levelOverride?.openLevel
        guard let tapLevel = scope?.tap?.lowestOpenLevel else { return override }
        return override.map { min($0, tapLevel) } ?? tapLevel
    }

    /// This context with `fields` bound in a new innermost scope. A key already present
    /// is overridden in the result; `self` is unchanged.
    public func adding(_ fields: LogFields) -> LogContext {
        fields.isEmpty ? self : pushing(fields.deduplicated())
    }

    /// The value a record would get for `key`, or `nil`.
    public subscript(key: String) -> (any LogValueConvertible)? {
        var current = scope
        while let node = current {
            if let value = node.fields[key] { return value }
            current = node.parent
        }
        return nil
    }

    /// Every field with each key once (inner scopes win), outermost scope first.
    public var fields: LogFields {
        var merged: [(String, any LogValueConvertible)] = []
        forEachField { merged.append(($0, $1)) }
        return LogFields(merged)
    }

    /// Calls `body` once per distinct key with the innermost value, outermost scope first.
    public func forEachField(_ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void) rethrows {
        guard let scope, scope.hasFields else { return }
        let capacity = scope.chainFieldCount
        try withUnsafeTemporaryAllocation(of: FieldList.Entry.self, capacity: capacity) { slots in
            var list = FieldListBuilder(slots.baseAddress!, capacity: capacity, rules: Self.unredacted)
            scope.appendFields(innermost: scope, skipping: .none, to: &list)
            defer { list.deinitialize() }
            let fields = list.list
            for index in 0..<fields.count { try body(fields[index].key.pointee, fields[index].value.pointee) }
        }
    }

    /// Rules that redact nothing: the context's own walk writes values as they are.
    private static let unredacted = Unmanaged.passRetained(RedactionRules(.disabled))
}

extension LogContext {
    /// One level of bound fields, linked to the scope it was bound inside.
    @usableFromInline
    final class Scope: Sendable {
        /// Chains deeper than this are collapsed into one scope when extended.
        static let maximumDepth = 16

        /// This scope's own fields, each key once.
        @usableFromInline let fields: LogFields
        @usableFromInline let parent: Scope?
        /// Whether no key appears twice anywhere along the chain from here outwards, in
        /// which case iteration needs no shadowing checks.
        @usableFromInline let keysAreUnique: Bool
        /// Whether this scope or an outer one holds a field (a capture's scope holds none).
        @usableFromInline let hasFields: Bool
        /// The innermost capture bound here or outside, if any.
        let tap: LogTap?
        /// The innermost level override bound here or outside, if any.
        let levelOverride: LevelOverride?
        let depth: Int
        /// The number of entries in this scope and every outer one.
        let chainFieldCount: Int
        /// The ``FieldKeys/hashBit(_:)`` of every key in this scope and every outer one.
        let chainKeyBits: UInt64
        /// The address of the redaction rules (never freed once installed) under which this
        /// scope's own fields need no check: see ``needsRedactionChecks(_:)``.
        let redactionCleanFor = Atomic<UInt>(0)

        /// A scope of `fields` inside `parent`, binding `tap` and `levelOverride` or else
        /// keeping the parent's.
        init(fields: LogFields, parent: Scope?, tap: LogTap? = nil, levelOverride: LevelOverride? = nil) {
            self.fields = fields
            self.parent = parent
            self.tap = tap ?? parent?.tap
            self.levelOverride = levelOverride ?? parent?.levelOverride
            self.hasFields = !fields.isEmpty || parent?.hasFields == true
            self.depth = (parent?.depth ?? 0) + 1
            self.chainFieldCount = fields.count + (parent?.chainFieldCount ?? 0)
            self.chainKeyBits = FieldKeys.scan(fields.entries).bits | (parent?.chainKeyBits ?? 0)
            self.keysAreUnique =
                parent.map { parent in parent.keysAreUnique && !fields.contains { parent.hasKey($0.key) } } ?? true
        }

        /// Whether this scope or an outer one, up to `end` (exclusive), has `key`.
        func hasKey(_ key: String, before end: Scope? = nil) -> Bool {
            var current: Scope? = self
            while let node = current, node !== end {
                if node.fields.containsKey(key) { return true }
                current = node.parent
            }
            return false
        }

        /// ``appendFields(innermost:skipping:to:)`` for this scope as the innermost one,
        /// when the chain holds any field.
        func appendFieldsAsInnermost(skipping shadows: FieldShadows, to list: inout FieldListBuilder) {
            if hasFields { appendFields(innermost: self, skipping: shadows, to: &list) }
        }

        /// Appends this scope's and its parents' entries to `list`, outermost first,
        /// leaving out keys that a scope nearer `innermost` or `shadows` also has. Entries
        /// are read in place, never copied.
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
    }
}

extension LogContext: CustomStringConvertible {
    /// The merged fields, outermost scope first.
    public var description: String { fields.description }
}
