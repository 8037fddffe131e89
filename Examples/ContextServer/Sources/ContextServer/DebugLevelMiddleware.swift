import HTTPTypes
import Hummingbird
import Logbook

/// Turns on a lower log level for one request, and only that request, when the caller
/// proves it may: `X-Log-Level: debug` is honoured only together with an `X-Debug-Token`
/// equal to the server's `DEBUG_TOKEN`. With no token configured the header is ignored.
///
/// The level is lowered with `LogContext.with(level:)` around `next`, so every record the
/// request creates, in any layer and in child tasks, is written down to that level, while
/// concurrent requests keep the configured level. It is gated because debug records can
/// hold what `info` records leave out (rows, payloads, internal ids) and cost disk and CPU:
/// anyone who can send a header must not be able to switch that on.
struct DebugLevelMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let levelHeader = HTTPField.Name("X-Log-Level")!
    static let tokenHeader = HTTPField.Name("X-Debug-Token")!

    /// The server's `DEBUG_TOKEN`; `nil` ignores the header.
    let token: String?
    private let log = Log("app.http")

    func handle(
        _ request: Request,
        context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let requested = request.headers[Self.levelHeader], let token else {
            return try await next(request, context)
        }
        guard let level = try? LogLevel(parsing: requested) else {
            log.notice("X-Log-Level ignored: not a level", ["value": String(requested.prefix(32))])
            return try await next(request, context)
        }
        guard Self.constantTimeEqual(request.headers[Self.tokenHeader] ?? "", token) else {
            log.notice("X-Log-Level ignored: X-Debug-Token missing or wrong")
            return try await next(request, context)
        }
        log.info("log level lowered for this request", ["log_level": level.name])
        return try await LogContext.with(level: level) {
            try await next(request, context)
        }
    }

    /// Compares without stopping at the first difference, so the time taken does not tell
    /// an attacker how much of a guessed token was right.
    private static func constantTimeEqual(_ given: String, _ expected: String) -> Bool {
        let given = Array(given.utf8)
        let expected = Array(expected.utf8)
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
