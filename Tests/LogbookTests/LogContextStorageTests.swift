import Logbook
import Testing

/// The cost of binding: a nested scope holds only its own fields and shares the outer
/// scopes with the context it was bound in.
@Suite struct LogContextStorageTests {
    @Test func bindingSharesOuterScopesInsteadOfCopyingThem() async {
        let (outer, middle, inner) = await LogContext.with(["request_id": "r-1", "user_id": "u-1"]) {
            let outer = LogContext.current
            return await LogContext.with(["step": 1]) {
                let middle = LogContext.current
                return await LogContext.with(["attempt": 2, "user_id": "u-2"]) {
                    await Task.yield()
                    return (outer, middle, LogContext.current)
                }
            }
        }
        #expect(outer.scopeChain.map(\.ownFieldCount) == [2])
        #expect(middle.scopeChain.map(\.ownFieldCount) == [1, 2])
        #expect(inner.scopeChain.map(\.ownFieldCount) == [2, 1, 2])
        // The outer scopes are the very same objects, not copies.
        #expect(Array(inner.scopeChain.dropFirst()) == middle.scopeChain)
        #expect(Array(middle.scopeChain.dropFirst()) == outer.scopeChain)
    }

    @Test func aCapturedContextIsReboundWithoutCopying() {
        let captured = LogContext(["request_id": "r-1"]).adding(["user_id": "u-1"])
        let rebound = LogContext.with(captured) { LogContext.current }
        #expect(rebound.scopeChain == captured.scopeChain)
        let extended = LogContext.with(captured) { LogContext.with(["k": 1]) { LogContext.current } }
        #expect(Array(extended.scopeChain.dropFirst()) == captured.scopeChain)
    }

    @Test func veryDeepNestingKeepsTheChainShort() {
        var context = LogContext()
        for level in 0..<100 {
            context = context.adding(["k\(level)": level])
        }
        // Chains are collapsed now and then so iterating a record's context stays cheap.
        #expect(context.scopeChain.count <= 16)
        #expect(context.fields.count == 100)
        #expect(context["k0"]?.logValue == 0)
        #expect(context["k99"]?.logValue == 99)
    }
}
