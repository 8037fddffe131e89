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
        let shadowMask = Self.lengthMask(of: fields) | Self.lengthMask(of: boundFields)
        try context.forEachField { key, value in
            if shadowMask != 0 && isShadowed(key, mask: shadowMask, inBound: true) { return }
            try body(key, value)
        }
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
        let callSite = fields.storage
        let callSiteMask = Self.lengthMask(of: fields)
        let callSiteRepeats = fields.hasRepeatedKeys
        for index in callSite.indices {
            let entry = callSite[index]
            if callSiteRepeats && fields.containsKey(entry.0, from: index + 1) { continue }
            try body(entry.0, entry.1)
        }
        let bound = boundFields.storage
        if !bound.isEmpty {
            let boundRepeats = boundFields.hasRepeatedKeys
            for index in bound.indices {
                let entry = bound[index]
                if callSiteMask != 0 && isShadowed(entry.0, mask: callSiteMask, inBound: false) { continue }
                if boundRepeats && boundFields.containsKey(entry.0, from: index + 1) { continue }
                try body(entry.0, entry.1)
            }
        }
        if includingContext && !context.isEmpty {
            try forEachContextField(body)
        }
    }

    /// Whether a higher-precedence layer (call site, and bound fields when `inBound`) has
    /// `key`. `mask` has bit `n` set when some key in those layers is `n` bytes long
    /// (`n` modulo 64), so most keys are cleared without comparing bytes.
    @usableFromInline
    func isShadowed(_ key: String, mask: UInt64, inBound: Bool) -> Bool {
        let length = key.utf8.count
        if mask & (1 &<< UInt64(length & 63)) == 0 { return false }
        return fields.containsKey(key) || (inBound && boundFields.containsKey(key))
    }

    @usableFromInline
    static func lengthMask(of fields: LogFields) -> UInt64 {
        var mask: UInt64 = 0
        for entry in fields.storage {
            mask |= 1 &<< UInt64(entry.0.utf8.count & 63)
        }
        return mask
    }
}
