#if DistributedTracing
package import Logbook
import Instrumentation

/// A W3C Trace Context `traceparent` value, `00-<trace id>-<span id>-<flags>`, parsed.
package struct TraceParent: Sendable, Equatable {
    /// 32 lowercase hex digits, not all zero.
    package let traceID: String
    /// 16 lowercase hex digits, not all zero.
    package let spanID: String
    /// 2 lowercase hex digits.
    package let traceFlags: String

    /// Parses `text`; `nil` unless it is a valid `traceparent` (version `00` exactly 55
    /// characters; a later version may append `-`-separated fields; version `ff` invalid).
    package init?(_ text: String) {
        let bytes = Array(text.utf8)
        let dash = UInt8(ascii: "-")
        let zero = UInt8(ascii: "0")
        guard bytes.count >= 55, bytes[2] == dash, bytes[35] == dash, bytes[52] == dash,
            Self.isHex(bytes[0..<2]), Self.isHex(bytes[3..<35]), Self.isHex(bytes[36..<52]),
            Self.isHex(bytes[53..<55]), !bytes[0..<2].elementsEqual("ff".utf8),
            bytes.count == 55 || (!bytes[0..<2].elementsEqual("00".utf8) && bytes[55] == dash),
            bytes[3..<35].contains(where: { $0 != zero }), bytes[36..<52].contains(where: { $0 != zero })
        else { return nil }
        traceID = String(decoding: bytes[3..<35], as: UTF8.self)
        spanID = String(decoding: bytes[36..<52], as: UTF8.self)
        traceFlags = String(decoding: bytes[53..<55], as: UTF8.self)
    }

    package var fields: LogFields {
        ["trace_id": traceID, "span_id": spanID, "trace_flags": traceFlags]
    }

    /// The `traceparent` the bootstrapped instrument injects for the task's current
    /// `ServiceContext`, parsed; `nil` when there is none or it is not valid.
    package static func current() -> TraceParent? {
        var traceparent: String?
        InstrumentationSystem.instrument.inject(
            ServiceContext.current ?? .topLevel, into: &traceparent, using: Injector())
        return traceparent.flatMap(TraceParent.init)
    }

    /// Keeps only the `traceparent` header (names are case-insensitive), not `tracestate`.
    struct Injector: Instrumentation.Injector {
        func inject(_ value: String, forKey key: String, into traceparent: inout String?) {
            if key.utf8.count == 11 && key.lowercased() == "traceparent" { traceparent = value }
        }
    }

    private static func isHex(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
#endif
