import Dispatch
import Logbook
import Synchronization
import Testing

@Suite("A blocking call on a thread of its own, waited for with a timeout (SyslogSink's host name lookup)")
struct DetachedCallTests {
    @Test("a call still running gives nothing at the timeout; a later wait takes the same call's outcome, once")
    func givesUpThenTakesTheOutcome() throws {
        let release = DispatchSemaphore(value: 0)
        let calls = Atomic(0)
        let call = try #require(
            DetachedCall<Int> {
                calls.add(1, ordering: .relaxed)
                release.wait()
                return 42
            })
        #expect(call.take(waitingAtMost: .milliseconds(20)) == nil)
        release.signal()
        #expect(call.take(waitingAtMost: .seconds(30)) == 42)
        #expect(call.take(waitingAtMost: .milliseconds(1)) == nil)
        #expect(calls.load(ordering: .relaxed) == 1)
    }

    @Test("an outcome nobody takes is discarded once the caller and the thread let go", .timeLimit(.minutes(1)))
    func discardsAnOutcomeNobodyTook() throws {
        let returning = DispatchSemaphore(value: 0)
        let discarded = DispatchSemaphore(value: 0)
        let seen = Atomic(0)
        var call = DetachedCall<Int>(
            {
                returning.signal()
                return 7
            },
            discard: { outcome in
                seen.store(outcome, ordering: .relaxed)
                discarded.signal()
            })
        #expect(call != nil)
        returning.wait()
        call = nil
        #expect(discarded.wait(timeout: .now() + 30) == .success)
        #expect(seen.load(ordering: .relaxed) == 7)
    }
}
