/// SipHash-2-4, a keyed 64-bit pseudorandom function, for ``LogValueConvertible/hashed(_:)``:
/// without the key a hash cannot be computed nor a guess checked. Not collision-resistant
/// (expect a collision among about four billion values).
enum KeyedHash {
    static let processKey: (UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }()

    /// A 128-bit key: SipHash of `secret` under two fixed keys.
    static func key(from secret: String) -> (UInt64, UInt64) {
        let bytes = Array(secret.utf8)
        return (
            hash(bytes, key: (0x736F_6D65_7073_6575, 0x646F_7261_6E64_6F6D)),
            hash(bytes, key: (0x6C79_6765_6E65_7261, 0x7465_6462_7974_6573))
        )
    }

    static func hash(_ bytes: [UInt8], key: (UInt64, UInt64)) -> UInt64 {
        var v0: UInt64 = 0x736F_6D65_7073_6575 ^ key.0
        var v1: UInt64 = 0x646F_7261_6E64_6F6D ^ key.1
        var v2: UInt64 = 0x6C79_6765_6E65_7261 ^ key.0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ key.1
        func round() {
            v0 = v0 &+ v1
            v1 = (v1 << 13) | (v1 >> 51)
            v1 ^= v0
            v0 = (v0 << 32) | (v0 >> 32)
            v2 = v2 &+ v3
            v3 = (v3 << 16) | (v3 >> 48)
            v3 ^= v2
            v0 = v0 &+ v3
            v3 = (v3 << 21) | (v3 >> 43)
            v3 ^= v0
            v2 = v2 &+ v1
            v1 = (v1 << 17) | (v1 >> 47)
            v1 ^= v2
            v2 = (v2 << 32) | (v2 >> 32)
        }
        let fullBlocks = bytes.count / 8
        for block in 0...fullBlocks {
            // The last block holds the bytes left over and the length's low byte.
            var m = block == fullBlocks ? UInt64(bytes.count & 0xFF) << 56 : 0
            for offset in 0..<Swift.min(8, bytes.count - block * 8) {
                m |= UInt64(bytes[block * 8 + offset]) << UInt64(offset * 8)
            }
            v3 ^= m
            round()
            round()
            v0 ^= m
        }
        v2 ^= 0xFF
        for _ in 0..<4 { round() }
        return v0 ^ v1 ^ v2 ^ v3
    }
}
