import HTTPTypes
import Hummingbird
import Logbook

/// Binds `request_id` and `user_id` for everything the request does, and logs its start
/// and end.
///
/// The fields are bound with `LogContext.with` around `next`, so every record created
/// while the request is handled, by any logger in any layer and in child tasks, carries
/// them. Nothing is stored on a logger, a filter or any other shared object: two
/// concurrent requests run in two tasks, each with its own context.
struct RequestContextMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let requestIDHeader = HTTPField.Name("X-Request-Id")!
    static let userIDHeader = HTTPField.Name("X-User-Id")!

    private let log = Log("app.http")

    func handle(
        _ request: Request,
        context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.requestID = Self.headerValue(request, Self.requestIDHeader) ?? Self.generateRequestID()
        context.userID = Self.headerValue(request, Self.userIDHeader) ?? "anonymous"
        let requestID = context.requestID
        return await LogContext.with(["request_id": requestID, "user_id": context.userID]) {
            let started = ContinuousClock.now
            log.info("request started", ["method": request.method.rawValue, "path": request.uri.path])
            var response: Response
            do {
                response = try await next(request, context)
            } catch {
                response = Self.response(for: error, request: request, context: context)
                let level: LogLevel = response.status.code >= 500 ? .error : .info
                log.log(level: level, "request failed", error: error)
            }
            response.headers[Self.requestIDHeader] = requestID
            log.info(
                "request finished",
                ["status": Int(response.status.code), "duration_ms": Self.milliseconds(since: started)])
            return response
        }
    }

    /// The response for an error thrown below: its own for HTTP errors, a bare 500 otherwise
    /// (the details are in the log, not in the response).
    private static func response(for error: any Error, request: Request, context: AppRequestContext) -> Response {
        if let error = error as? any HTTPResponseError,
            let response = try? error.response(from: request, context: context)
        {
            return response
        }
        return Response(status: .internalServerError)
    }

    /// A header's value, trimmed to at most 128 bytes; `nil` when absent or empty.
    private static func headerValue(_ request: Request, _ name: HTTPField.Name) -> String? {
        guard let value = request.headers[name], !value.isEmpty else { return nil }
        return value.utf8.count <= 128 ? value : String(decoding: value.utf8.prefix(128), as: UTF8.self)
    }

    private static func generateRequestID() -> String {
        let high = String(UInt64.random(in: .min ... .max), radix: 16)
        let low = String(UInt64.random(in: .min ... .max), radix: 16)
        return "gen-" + high + low
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        let micros = elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000
        return Double(micros) / 1_000
    }
}
