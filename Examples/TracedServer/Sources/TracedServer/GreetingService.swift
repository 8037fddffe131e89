import Logbook
import Tracing

/// The service layer. It looks the salutation up in a child task, in a span of its own:
/// the child's records carry the request's trace id and the child span's id, its
/// `request_id` comes from the context the child task inherits.
struct GreetingService: Sendable {
    private let log = Log("app.greeting")
    private let store = SalutationStore()

    func greeting(for name: String) async throws -> String {
        log.info("composing greeting", ["name": name])
        async let salutation = store.salutation(for: name)
        return try await "\(salutation), \(name)!"
    }
}

/// A stand-in for a slow lookup: a short random delay, so concurrent requests interleave.
struct SalutationStore: Sendable {
    private let log = Log("app.greeting.store")

    func salutation(for name: String) async throws -> String {
        try await withSpan("salutation lookup") { span in
            span.attributes["greeting.name"] = name
            try await Task.sleep(for: .microseconds(Int.random(in: 200...3_000)))
            let salutation = name.hasPrefix("Dr") ? "Good day" : "Hello"
            log.info("salutation looked up", ["salutation": salutation])
            return salutation
        }
    }
}
