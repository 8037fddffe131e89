/// Which field values every formatter writes as `"[REDACTED]"`.
///
/// Those whose key matches one of ``keys`` (ignoring ASCII case, `-` and `_` equivalent; the key
/// stays), in every kind of field and in nested objects at any depth, and values marked with
/// ``LogValueConvertible/sensitive(_:)`` whatever their key (``LogValueConvertible/hashed(_:)`` ones
/// as a keyed hash instead). On from process start with the keys of ``default``; bootstrap installs
/// ``LogConfiguration/redaction``, and `LOG_REDACT_KEYS` adds keys (see the Formats guide):
///
/// ```swift
/// var configuration = LogConfiguration(sinks: [StreamSink(.standardOutput)])
/// configuration.redaction = LogRedaction.default.adding(["ssn", "card_number"])
/// try Log.bootstrap(configuration)
/// ```
public struct LogRedaction: Sendable, Equatable, CustomStringConvertible {
    static let placeholder = "[REDACTED]"

    @usableFromInline
    static let defaultKeys: [String] = [
        "password", "passwd", "secret", "client_secret", "token", "access_token", "refresh_token", "id_token",
        "api_key", "apikey", "authorization", "proxy_authorization", "cookie", "set_cookie", "private_key",
    ]

    /// The default rules, markers honoured, redacting `password`, `passwd`, `secret`,
    /// `client_secret`, `token`, `access_token`, `refresh_token`, `id_token`, `api_key`, `apikey`,
    /// `authorization`, `proxy_authorization`, `cookie`, `set_cookie` and `private_key`.
    public static let `default` = LogRedaction()

    /// No redaction at all: every value, including ones marked sensitive, is written in
    /// clear text, wherever logs go. Dangerous; meant for local debugging only.
    public static let disabled = LogRedaction(keys: [], isEnabled: false)

    /// The keys whose values are redacted, in the spelling given.
    public var keys: [String]
    /// Whether any redaction happens.
    public var isEnabled: Bool
    /// The secret key of ``LogValueConvertible/hashed(_:)``'s hash; `nil` (the default)
    /// draws one per process, so equal values hash alike within one process only. Set the
    /// same secret on every process whose logs are correlated, and keep it out of the logs.
    public var hashKey: String?

    /// Creates rules redacting `keys`; by default the keys of ``default``.
    public init(keys: [String] = LogRedaction.defaultKeys, isEnabled: Bool = true, hashKey: String? = nil) {
        self.keys = keys
        self.isEnabled = isEnabled
        self.hashKey = hashKey
    }

    /// These rules with `keys` redacted too.
    public func adding(_ keys: [String]) -> LogRedaction {
        var copy = self
        for key in keys where !copy.redacts(key) { copy.keys.append(key) }
        return copy
    }

    /// Whether a field named `key` is redacted by these rules.
    public func redacts(_ key: String) -> Bool {
        guard isEnabled else { return false }
        let normalized = Self.normalized(key)
        return keys.contains { Self.normalized($0) == normalized }
    }

    /// `key` as rules compare it: ASCII letters lowercased and `-` written `_`.
    static func normalized(_ key: String) -> String {
        String(decoding: key.utf8.map(Self.normalized), as: UTF8.self)
    }

    @inline(__always)
    static func normalized(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte | 0x20
        case UInt8(ascii: "-"): UInt8(ascii: "_")
        default: byte
        }
    }

    /// The active rules, as ``LogSetup`` prints them: `default keys`, `default keys + ssn`,
    /// `keys: a, b` or `no keys`, then how marked values are written; or `off (values written in clear text)`.
    public var description: String {
        guard isEnabled else { return "off (values written in clear text)" }
        let defaults = Set(Self.defaultKeys.map(Self.normalized))
        let rules: String
        if Set(keys.map(Self.normalized)).isSuperset(of: defaults) {
            let extra = keys.filter { !defaults.contains(Self.normalized($0)) }
            rules = extra.isEmpty ? "default keys" : "default keys + " + extra.joined(separator: ", ")
        } else {
            rules = keys.isEmpty ? "no keys" : "keys: " + keys.joined(separator: ", ")
        }
        return rules + ", sensitive values " + (hashKey == nil ? "hidden" : "hidden (hashed with a set key)")
    }
}
