import Logbook
import Testing

/// `LogBuffer.withScratch`: the calling thread's buffer, reused from call to call, a buffer of
/// its own for a nested call, and the thread's buffer free again after a body that throws.
@Suite("LogBuffer scratch buffer")
struct LogBufferScratchTests {
    struct Failure: Error {}

    static func storageAddress(_ buffer: borrowing LogBuffer) -> UnsafeRawPointer? {
        buffer.withUnsafeBytes { $0.baseAddress }
    }

    @Test("reused empty by the next call, even after a throw; a nested call gets another buffer")
    func reuseNestingAndThrowing() {
        // Each call is synchronous, so all of them run on this test's thread. An earlier test on
        // this thread may have left its buffer over the 256 KiB that a call shrinks on its way
        // out: one call first, so the buffer the assertions compare is the one that stays.
        LogBuffer.withScratch { _ in }
        let (threadBuffer, nested, nestedText) = LogBuffer.withScratch { outer in
            outer.append("outer")
            let (nested, nestedText) = LogBuffer.withScratch { inner in
                inner.append("inner")
                return (Self.storageAddress(inner), inner.string)
            }
            #expect(outer.string == "outer")
            return (Self.storageAddress(outer), nested, nestedText)
        }
        #expect(nestedText == "inner")
        #expect(nested != threadBuffer)

        #expect(throws: Failure.self) {
            try LogBuffer.withScratch { (buffer: inout LogBuffer) throws(Failure) in
                buffer.append("left behind")
                throw Failure()
            }
        }
        let (after, text) = LogBuffer.withScratch { buffer in (Self.storageAddress(buffer), buffer.string) }
        #expect(after == threadBuffer)
        #expect(text.isEmpty)
    }
}
