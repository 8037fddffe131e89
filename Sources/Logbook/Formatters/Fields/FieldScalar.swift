/// A field value of one of the common scalar types (`String`, `Int`, `Bool`, `Double`),
/// read where it is stored (see ``ExistentialPayload``), for the writers of every format.
///
/// Writing one is the same as writing the value's ``LogValueConvertible/logValue`` (the
/// conversions of those types are Logbook's own and fixed), without the protocol call,
/// without building and destroying a ``LogValue``, and without copying the value.
enum FieldScalar {
    case string(UnsafePointer<String>)
    case int(Int)
    case bool(Bool)
    case double(Double)

    /// The value at `value`, or `nil` for any other type.
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
