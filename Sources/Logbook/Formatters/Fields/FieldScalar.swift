/// A `String`, `Int`, `Bool` or `Double` field value read where it is stored (see
/// ``ExistentialPayload``). Writing it equals writing its ``LogValueConvertible/logValue``
/// (Logbook's own, fixed conversions) without the protocol call, the ``LogValue`` or a copy.
enum FieldScalar {
    case string(UnsafePointer<String>)
    case int(Int)
    case bool(Bool)
    case double(Double)

    @inline(__always)
    init?(_ value: UnsafePointer<any LogValueConvertible>) {
        guard let payload = ExistentialPayload(in: value) else { return nil }
        let type = payload.type
        if type == String.self {
            self = .string(payload.address.assumingMemoryBound(to: String.self))
        } else if type == Int.self {
            self = .int(payload.address.load(as: Int.self))
        } else if type == Bool.self {
            self = .bool(payload.address.load(as: Bool.self))
        } else if type == Double.self {
            self = .double(payload.address.load(as: Double.self))
        } else {
            return nil
        }
    }
}
