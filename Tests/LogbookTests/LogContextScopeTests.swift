import Logbook
import Testing

/// Binding, nesting, overriding and restoring context scopes.
@Suite struct LogContextScopeTests {
    struct Failure: Error, Equatable {
        let code: Int
    }

    /// The context's fields as plain strings, in iteration order, for comparisons.
    static func snapshot(_ context: LogContext = .current) -> [String] {
        var result: [String] = []
        context.forEachField { key, value in result.append("\(key)=\(value.logValue)") }
        return result
    }

    @Test func outsideAnyScopeTheContextIsEmpty() {
        #expect(LogContext.current.isEmpty)
        #expect(Self.snapshot().isEmpty)
    }

    @Test func nestedScopesMergeAndInnerKeysOverrideOnlyInside() {
        LogContext.with(["request_id": "r-1", "user_id": "u-1"]) {
            #expect(Self.snapshot() == ["request_id=r-1", "user_id=u-1"])
            LogContext.with(["user_id": "u-2", "step": 3]) {
                // Each key once, outermost scope first; an overridden key is written
                // where the scope that wins wrote it.
                #expect(Self.snapshot() == ["request_id=r-1", "user_id=u-2", "step=3"])
                #expect(LogContext.current["user_id"]?.logValue == "u-2")
                #expect(LogContext.current["step"]?.logValue == 3)
            }
            #expect(Self.snapshot() == ["request_id=r-1", "user_id=u-1"])
            #expect(LogContext.current["step"] == nil)
        }
        #expect(LogContext.current.isEmpty)
    }

    @Test func asyncNestedScopesRestoreExactly() async {
        await LogContext.with(["a": 1]) {
            await LogContext.with(["b": 2]) {
                await Task.yield()
                await LogContext.with(["a": 10]) {
                    await Task.yield()
                    #expect(Self.snapshot() == ["b=2", "a=10"])
                }
                #expect(Self.snapshot() == ["a=1", "b=2"])
            }
            #expect(Self.snapshot() == ["a=1"])
        }
        #expect(LogContext.current.isEmpty)
    }

    @Test func bindingReturnsTheOperationsResult() async {
        let sync = LogContext.with(["k": "v"]) { LogContext.current["k"]?.logValue }
        #expect(sync == "v")
        let async = await LogContext.with(["k": "w"]) { () async -> LogValue? in
            await Task.yield()
            return LogContext.current["k"]?.logValue
        }
        #expect(async == "w")
    }

    @Test func syncScopeIsRestoredAfterATypedThrow() {
        LogContext.with(["outer": true]) {
            #expect(throws: Failure(code: 7)) {
                // The typed-throws form rethrows the operation's own error type.
                let _: Int = try LogContext.with(["inner": true]) { () throws(Failure) -> Int in
                    #expect(LogContext.current["inner"] != nil)
                    throw Failure(code: 7)
                }
            }
            #expect(Self.snapshot() == ["outer=true"])
        }
        #expect(LogContext.current.isEmpty)
    }

    @Test func typedThrowsKeepTheErrorType() {
        do {
            try LogContext.with(["k": 1]) { () throws(Failure) in throw Failure(code: 3) }
        } catch {
            // `error` is statically a `Failure` here: no cast needed.
            #expect(error.code == 3)
        }
    }

    @Test func asyncScopeIsRestoredAfterAThrow() async {
        await LogContext.with(["outer": "o"]) {
            await #expect(throws: Failure(code: 1)) {
                try await LogContext.with(["inner": "i", "outer": "shadowed"]) { () async throws(Failure) in
                    await Task.yield()
                    #expect(Self.snapshot() == ["inner=i", "outer=shadowed"])
                    throw Failure(code: 1)
                }
            }
            #expect(Self.snapshot() == ["outer=o"])
        }
        #expect(LogContext.current.isEmpty)
    }

    @Test(.timeLimit(.minutes(10))) func scopeIsRestoredAfterCancellation() async {
        // On a thread of its own: synchronous tests running alongside may hold every
        // thread of the cooperative pool for long stretches. The test still starts and
        // ends on that pool: under the thread sanitizer on a loaded 2-core machine that
        // took 176 s, so the limit only catches a cancellation that never wakes the sleep.
        await withTaskExecutorPreference(DedicatedExecutor.shared) { await cancelInsideAScope() }
    }

    private func cancelInsideAScope() async {
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let task = Task(executorPreference: DedicatedExecutor.shared) {
            await LogContext.with(["task": "outer"]) {
                let inner: Result<Void, any Error> = await LogContext.with(["task": "inner", "extra": 1]) {
                    startedContinuation.yield()
                    do {
                        // Sleeps until cancelled; cancellation makes it throw.
                        try await Task.sleep(for: .seconds(3600))
                        return .success(())
                    } catch {
                        return .failure(error)
                    }
                }
                let afterInner = Self.snapshot()
                return (inner, afterInner, Task.isCancelled)
            }
        }
        var iterator = started.makeAsyncIterator()
        await iterator.next()
        task.cancel()
        let (inner, afterInner, wasCancelled) = await task.value
        #expect(wasCancelled)
        #expect(throws: CancellationError.self) { try inner.get() }
        #expect(afterInner == ["task=outer"])
        #expect(LogContext.current.isEmpty)
    }

    @Test func cancellationErrorPropagatingThroughAScopeRestoresTheOuterScope() async {
        let task = Task {
            await LogContext.with(["level": "outer"]) {
                withUnsafeCurrentTask { $0?.cancel() }
                let outcome: Result<Void, any Error>
                do {
                    try await LogContext.with(["level": "inner"]) { () async throws in
                        try Task.checkCancellation()
                    }
                    outcome = .success(())
                } catch {
                    outcome = .failure(error)
                }
                return (outcome, Self.snapshot())
            }
        }
        let (outcome, after) = await task.value
        #expect(throws: CancellationError.self) { try outcome.get() }
        #expect(after == ["level=outer"])
    }

    /// An actor that binds context around code that touches its own state across a
    /// suspension point.
    actor Counter {
        var count = 0

        func incrementTwice() async -> [String] {
            await LogContext.with(["actor": "counter"]) {
                count += 1
                await Task.yield()
                count += 1
                return LogContextScopeTests.snapshot()
            }
        }
    }

    @Test func asyncScopeRunsOnTheCallersActor() async {
        let counter = Counter()
        #expect(await counter.incrementTwice() == ["actor=counter"])
        #expect(await counter.count == 2)
    }

    @Test func rebindingACapturedContextReplacesTheCurrentOne() async {
        let captured = LogContext.with(["request_id": "r-9"]) { LogContext.current }
        #expect(LogContext.current.isEmpty)
        await LogContext.with(["unrelated": true]) {
            await LogContext.with(captured) {
                await Task.yield()
                // Replaces rather than merges: `unrelated` is not visible.
                #expect(Self.snapshot() == ["request_id=r-9"])
                LogContext.with(["step": "two"]) {
                    #expect(Self.snapshot() == ["request_id=r-9", "step=two"])
                }
            }
            #expect(Self.snapshot() == ["unrelated=true"])
        }
    }

    @Test func emptyFieldsBindNothingNew() {
        LogContext.with(["a": 1]) {
            let before = LogContext.current
            LogContext.with([:]) {
                #expect(Self.snapshot(before) == Self.snapshot())
            }
        }
    }

    @Test func repeatedKeysInOneBindingKeepTheLastValue() {
        LogContext.with(LogFields([("k", "first"), ("other", 1), ("k", "second")])) {
            #expect(Self.snapshot() == ["other=1", "k=second"])
        }
    }

    @Test func deepNestingKeepsEveryKeyOnceWithTheInnermostValue() {
        func nest(_ level: Int, upTo depth: Int) {
            if level == depth {
                var expected: Set<String> = ["shared=\(depth - 1)"]
                for index in 0..<depth { expected.insert("k\(index)=\(index)") }
                let snapshot = Self.snapshot()
                #expect(snapshot.count == depth + 1)
                #expect(Set(snapshot) == expected)
                #expect(LogContext.current["shared"]?.logValue == .int(depth - 1))
                return
            }
            LogContext.with(["shared": level, "k\(level)": level]) {
                nest(level + 1, upTo: depth)
            }
        }
        // Deeper than the chain length at which scopes are collapsed.
        nest(0, upTo: 40)
        #expect(LogContext.current.isEmpty)
    }

    @Test("the subscript finds a key in whichever scope holds it, innermost first, and nil in none")
    func subscriptWalksEveryScope() {
        let outer = LogContext(LogFields([("k", "first"), ("outer", 1), ("k", "second")]))
        #expect(Self.snapshot(outer) == ["outer=1", "k=second"], "init keeps each key once, the last value")
        #expect(outer["k"]?.logValue == "second")
        let inner = outer.adding(["k": "inner"]).adding(["middle": 2])
        #expect(inner["k"]?.logValue == "inner")
        #expect(inner["outer"]?.logValue == 1, "two scopes out")
        #expect(inner["middle"]?.logValue == 2)
        #expect(inner["absent"] == nil)
        #expect(LogContext(LogFields()).isEmpty && LogContext(LogFields())["k"] == nil)
    }

    @Test func addingLeavesTheOriginalUnchanged() {
        let base = LogContext(["a": 1, "b": 2])
        let extended = base.adding(["b": 20, "c": 3])
        #expect(Self.snapshot(base) == ["a=1", "b=2"])
        #expect(Self.snapshot(extended) == ["a=1", "b=20", "c=3"])
        #expect(extended.fields == ["a": 1, "b": 20, "c": 3])
        #expect(extended.description == "[a: 1, b: 20, c: 3]")
    }
}
