extension LogRecord {
    /// Calls `body` once per distinct field key, with the value that wins.
    ///
    /// Precedence, highest first: call-site ``fields``, ``boundFields``, the innermost
    /// ``context`` scope, outer scopes. Within one layer the last occurrence of a key wins.
    /// Order: call-site fields, then bound fields, then context fields from the outermost
    /// scope inwards, each in the order written. Values are not converted; call
    /// ``LogValueConvertible/logValue`` on the ones you write.
    ///
    /// This is the iteration every built-in formatter uses. It allocates nothing.
    @inlinable
    public func forEachField(_ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void) rethrows {
        try forEachField(includingContext: true, body)
    }

    /// Like ``forEachField(_:)``, but leaves out the task-local context, for formatters
    /// that write the context as one nested object (see ``forEachContextField(_:)``).
    @inlinable
    public func forEachFieldExcludingContext(
        _ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void
    ) rethrows {
        try forEachField(includingContext: false, body)
    }

    /// Calls `body` once per context field that is not overridden by a call-site or bound
    /// field, outermost scope first.
    @inlinable
    public func forEachContextField(
        _ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void
    ) rethrows {
        try forEachField(includingFields: false, includingContext: true, body)
    }

    /// The winning value for `key` across all three layers, or `nil`.
    public func field(_ key: String) -> (any LogValueConvertible)? {
        fields[key] ?? boundFields[key] ?? context[key]
    }

    /// All fields merged into one list with each key once, in ``forEachField(_:)`` order.
    public var mergedFields: LogFields {
        var merged: [(String, any LogValueConvertible)] = []
        forEachField { merged.append(($0, $1)) }
        return LogFields(merged)
    }

    /// The number of distinct field keys across all three layers.
    public var fieldCount: Int {
        var count = 0
        forEachField { _, _ in count += 1 }
        return count
    }

    @usableFromInline
    func forEachField(
        includingContext: Bool,
        _ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void
    ) rethrows {
        try forEachField(includingFields: true, includingContext: includingContext, body)
    }

    /// The one iteration behind the public ones. It reads every layer's entries in place
    /// (see ``FieldKeys``): formatting a record copies, retains and releases no entry.
    @usableFromInline
    func forEachField(
        includingFields: Bool,
        includingContext: Bool,
        _ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void
    ) rethrows {
        try fields.storage.withUnsafeBufferPointer { callSite in
            try boundFields.storage.withUnsafeBufferPointer { bound in
                if includingFields {
                    try Self.forEachCallSiteAndBoundField(callSite: callSite, bound: bound, body)
                }
                if includingContext, let scope = context.scope {
                    let shadows = FieldShadows(callSite: callSite, bound: bound)
                    try scope.forEachField(innermost: scope, skipping: shadows, body)
                }
            }
        }
    }

    private static func forEachCallSiteAndBoundField(
        callSite: FieldKeys.Entries,
        bound: FieldKeys.Entries,
        _ body: (_ key: String, _ value: any LogValueConvertible) throws -> Void
    ) rethrows {
        if FieldKeys.hasRepeats(callSite) {
            for index in callSite.indices {
                let key = FieldKeys.key(callSite, index)
                if FieldKeys.contains(key.pointee, in: callSite, from: index + 1) { continue }
                try body(key.pointee, FieldKeys.value(callSite, index).pointee)
            }
        } else {
            for index in callSite.indices {
                try body(FieldKeys.key(callSite, index).pointee, FieldKeys.value(callSite, index).pointee)
            }
        }
        guard !bound.isEmpty else { return }
        let callSiteMask = FieldKeys.lengthMask(callSite)
        let boundRepeats = FieldKeys.hasRepeats(bound)
        for index in bound.indices {
            let key = FieldKeys.key(bound, index)
            if callSiteMask & FieldKeys.lengthBit(key.pointee) != 0 && FieldKeys.contains(key.pointee, in: callSite) {
                continue
            }
            if boundRepeats && FieldKeys.contains(key.pointee, in: bound, from: index + 1) { continue }
            try body(key.pointee, FieldKeys.value(bound, index).pointee)
        }
    }
}

/// The call-site and bound keys that hide context fields of the same name.
struct FieldShadows {
    let callSite: FieldKeys.Entries
    let bound: FieldKeys.Entries
    /// Bit `n` is set when a call-site or bound key is `n` bytes long (modulo 64).
    let lengthMask: UInt64

    init(callSite: FieldKeys.Entries, bound: FieldKeys.Entries) {
        self.callSite = callSite
        self.bound = bound
        self.lengthMask = FieldKeys.lengthMask(callSite) | FieldKeys.lengthMask(bound)
    }

    /// Whether a call-site or bound field has `key`.
    @inline(__always)
    func hides(_ key: String) -> Bool {
        if lengthMask == 0 || lengthMask & FieldKeys.lengthBit(key) == 0 { return false }
        return FieldKeys.contains(key, in: callSite) || FieldKeys.contains(key, in: bound)
    }
}
