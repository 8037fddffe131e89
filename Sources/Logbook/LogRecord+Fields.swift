extension LogRecord {
    /// Calls `body` once per distinct field key, with the value that wins. Precedence, highest
    /// first: call-site ``fields``, ``boundFields``, the innermost ``context`` scope, outer scopes,
    /// ``providedFields``; within a layer, a key's last occurrence. Order: call-site, bound,
    /// context (outermost scope first), provided, each as written. This is how every built-in
    /// formatter resolves fields; it allocates nothing. Values are not converted: call
    /// ``LogValueConvertible/logValue`` on the ones you write.
    @inlinable
    public func forEachField(_ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void) rethrows {
        try forEachField(includingFields: true, includingContext: true, body)
    }

    /// The winning value for `key` across all four layers, or `nil`.
    public func field(_ key: String) -> (any LogValueConvertible)? {
        fields[key] ?? boundFields[key] ?? context[key] ?? providedStorage?[key]
    }

    /// All fields merged into one list with each key once, in ``forEachField(_:)`` order.
    package var mergedFields: LogFields {
        var merged: [(String, any LogValueConvertible)] = []
        forEachField { merged.append(($0, $1)) }
        return LogFields(merged)
    }

    /// The number of distinct field keys across all four layers.
    package var fieldCount: Int { withFieldList { $0.count } }

    /// ``forEachField(_:)`` without the call-site, bound and provided fields, or without the
    /// context fields and the provided fields they hide.
    @usableFromInline
    package func forEachField(
        includingFields: Bool,
        includingContext: Bool,
        _ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void
    ) rethrows {
        try withFieldList(includingFields: includingFields, includingContext: includingContext) { list in
            for index in 0..<list.count {
                try body(list[index].key.pointee, list[index].value.pointee)
            }
        }
    }

    /// Calls `body` with the winning fields in ``forEachField(_:)`` order (provided fields go
    /// with `includingFields`), after the `staticFields` (each key once) no layer has.
    @inline(__always)
    func withFieldList<Result>(
        includingFields: Bool = true,
        includingContext: Bool = true,
        staticFields: FieldKeys.Entries = FieldKeys.Entries(start: nil, count: 0),
        _ body: (FieldList) throws -> Result
    ) rethrows -> Result {
        let contextCount = includingContext ? context.scope?.chainFieldCount ?? 0 : 0
        let capacity =
            (includingFields ? fields.count + boundFields.count + (providedStorage?.count ?? 0) : 0) + contextCount
            + staticFields.count
        let rules = RedactionRules.unmanagedCurrent
        // At least one slot, so the buffer always has an address.
        let slotCount = max(capacity, 1)
        return try withUnsafeTemporaryAllocation(of: FieldList.Entry.self, capacity: slotCount) { slots in
            var list = FieldListBuilder(
                slots.baseAddress!, capacity: slotCount, reserved: staticFields.count, rules: rules)
            // Two calls, so the one without a context is compiled with its scope known to be nil.
            if contextCount > 0 {
                resolveFields(includingFields: includingFields, scope: context.scope, into: &list)
            } else {
                resolveFields(includingFields: includingFields, scope: nil, into: &list)
            }
            if !staticFields.isEmpty {
                prependStatics(staticFields, includingContext: includingContext, to: &list)
            }
            defer { list.deinitialize() }
            return try body(list.list)
        }
    }

    /// Puts first the `statics` no resolved entry (nor, without `includingContext`, the context)
    /// has.
    private func prependStatics(_ statics: FieldKeys.Entries, includingContext: Bool, to list: inout FieldListBuilder) {
        let resolved = list.list
        for index in statics.indices.reversed() {
            let key = FieldKeys.key(statics, index)
            if resolved.firstIndex(at: key) != nil || (!includingContext && context[key.pointee] != nil) { continue }
            list.prepend(statics, index)
        }
    }

    /// Appends the winning entries of every layer, read in place: nothing is copied or retained.
    private func resolveFields(includingFields: Bool, scope: LogContext.Scope?, into list: inout FieldListBuilder) {
        if list.capacity > FieldKeys.hashingThreshold {
            return resolveFieldsByHashing(includingFields: includingFields, scope: scope, into: &list)
        }
        let callSite = fields.entries
        let bound = boundFields.entries
        // Most call sites' keys are short and distinct: appended as they are scanned.
        let appendedBits = includingFields ? list.appendScanning(callSite) : nil
        let callSiteKeys = appendedBits.map { (bits: $0, hasRepeats: false) } ?? FieldKeys.scan(callSite)
        let boundKeys = bound.isEmpty ? (bits: 0, hasRepeats: false) : FieldKeys.scan(bound)
        if includingFields {
            if appendedBits == nil {
                FieldKeys.forEachLastOccurrence(in: callSite, hasRepeats: callSiteKeys.hasRepeats) {
                    list.append(callSite, $0)
                }
            }
            for index in bound.indices {
                let key = FieldKeys.key(bound, index)
                if callSiteKeys.bits & FieldKeys.hashBit(key) != 0 && FieldKeys.contains(at: key, in: callSite) {
                    continue
                }
                if boundKeys.hasRepeats && FieldKeys.contains(at: key, in: bound, from: index + 1) { continue }
                list.append(bound, index)
            }
        }
        let shadows = FieldShadows(callSite: callSite, bound: bound, bits: callSiteKeys.bits | boundKeys.bits)
        // Called through the optional, not bound to a local: a binding retains the scope.
        scope?.appendFieldsAsInnermost(skipping: shadows, to: &list)
        var keyBits = shadows.bits | (scope?.chainKeyBits ?? 0)
        if includingFields, let provided = providedStorage?.entries {
            keyBits |= appendProvidedFields(provided, shadows: shadows, into: &list)
        }
        list.keyBits = keyBits
    }

    /// ``resolveFields(includingFields:scope:into:)`` past ``FieldKeys/hashingThreshold`` entries, where
    /// comparing keys with those of the layers above would take quadratic time: each layer's last
    /// occurrences, highest precedence first, claim their keys in one hash set. Leaves
    /// ``FieldListBuilder/keyBits`` at every bit, as so many keys would set nearly all anyway.
    @inline(never)
    private func resolveFieldsByHashing(
        includingFields: Bool, scope: LogContext.Scope?, into list: inout FieldListBuilder
    ) {
        var claimed = Set<FieldKeys.HashedKey>()
        for layer in [fields.entries, boundFields.entries] {
            let winners = FieldKeys.lastOccurrences(layer, claiming: &claimed)
            if includingFields { for index in winners { list.append(layer, index) } }
        }
        // Appended with the context only, but claimed either way.
        context.scope?.appendFieldsByHashing(claiming: &claimed, to: &list, appending: scope != nil)
        if includingFields, let provided = providedStorage?.entries {
            for index in FieldKeys.lastOccurrences(provided, claiming: &claimed) { list.append(provided, index) }
        }
    }

    /// Appends the provided fields no other layer has, each key once; returns their key bits.
    private func appendProvidedFields(
        _ provided: FieldKeys.Entries, shadows: FieldShadows, into list: inout FieldListBuilder
    ) -> UInt64 {
        let (bits, repeats) = FieldKeys.scan(provided)
        FieldKeys.forEachLastOccurrence(in: provided, hasRepeats: repeats) { index in
            let key = FieldKeys.key(provided, index)
            if shadows.hides(at: key) { return }
            if let scope = context.scope, scope.hasFields, scope.hasKey(key.pointee) { return }
            list.append(provided, index)
        }
        return bits
    }
}

/// The call-site and bound keys that hide context fields of the same name; none by default.
struct FieldShadows {
    var callSite = FieldKeys.Entries(start: nil, count: 0)
    var bound = FieldKeys.Entries(start: nil, count: 0)
    /// The ``FieldKeys/hashBit(_:)`` of every call-site and bound key.
    var bits: UInt64 = 0

    @inline(__always)
    func hides(at key: UnsafePointer<String>) -> Bool {
        if bits == 0 || bits & FieldKeys.hashBit(key) == 0 { return false }
        return FieldKeys.contains(at: key, in: callSite) || FieldKeys.contains(at: key, in: bound)
    }
}
