/// A small value inside an existential, read where it is stored.
///
/// An `any LogValueConvertible` value is a container of a three-word buffer followed by
/// the value's type metadata and witness table. A value whose type fits the buffer (at
/// most three words, word-aligned, bitwise-takable: every integer, `Double`, `Bool` and
/// `String`) is stored in the buffer itself; larger ones in a heap box the buffer points
/// to. This layout is part of Swift's ABI (the compiler's `docs/ABI/TypeLayout.rst`,
/// "Existential Container Layout"). Formatting reads scalar field values this way:
/// opening the existential and casting it to each scalar type (the safe alternative) costs
/// 39% of `JSONFormatter`'s instructions per record (Documentation/Performance.md, "Unsafe
/// code audit"). `LayoutReaderTests` proves the layout for every scalar type.
package struct ExistentialPayload {
    /// The dynamic type of the value.
    package let type: Any.Type
    /// Where the value is stored when its type fits the buffer.
    package let address: UnsafeRawPointer

    /// The value in `container`; `nil` if this platform's containers are not laid out as
    /// expected (the check folds to a constant).
    @inline(__always)
    package init?(in container: UnsafePointer<any LogValueConvertible>) {
        let word = MemoryLayout<UnsafeRawPointer>.size
        guard MemoryLayout<any LogValueConvertible>.size == 5 * word else { return nil }
        address = UnsafeRawPointer(container)
        type = address.load(fromByteOffset: 3 * word, as: Any.Type.self)
    }
}
