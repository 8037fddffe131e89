/// A small value inside an existential, read where it is stored.
///
/// An `any LogValueConvertible` is a three-word buffer, then the type metadata and witness
/// table; a value of at most three words, word-aligned and bitwise-takable (every integer,
/// `Double`, `Bool`, `String`) is stored in the buffer itself. This layout is ABI (the
/// compiler's `docs/ABI/TypeLayout.rst`, "Existential Container Layout"). Opening the
/// existential and casting it to each scalar type instead costs 39% of `JSONFormatter`'s
/// instructions per record (Documentation/Performance.md, "Unsafe code audit").
/// `LayoutReaderTests` proves the layout for every scalar type.
package struct ExistentialPayload {
    package let type: Any.Type
    /// Where the value is stored when its type fits the buffer.
    package let address: UnsafeRawPointer

    /// `nil` if this platform's containers are not laid out as expected (the check folds
    /// to a constant).
    @inline(__always)
    package init?(in container: UnsafePointer<any LogValueConvertible>) {
        let word = MemoryLayout<UnsafeRawPointer>.size
        guard MemoryLayout<any LogValueConvertible>.size == 5 * word else { return nil }
        address = UnsafeRawPointer(container)
        type = address.load(fromByteOffset: 3 * word, as: Any.Type.self)
    }
}
