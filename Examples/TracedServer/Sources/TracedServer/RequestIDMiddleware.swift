import HTTPTypes
import Hummingbird
import Logbook

/// Binds `request_id` (the `X-Request-Id` header, or a generated id) for everything the
/// request does, returns it in the response, and logs the request's end.
///
/// The field is bound with `LogContext.with` around `next`: every record created while the
/// request is handled, by any logger in any layer and in child tasks, carries it.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIDHeader: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    private let log = Log("app.http")

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let requestID = Self.headerValue(request) ?? Self.generateRequestID()
        return try await LogContext.with(["request_id": requestID]) {
            var response = try await next(request, context)
            response.headers[Self.requestIDHeader] = requestID
            log.info("request finished", ["status": Int(response.status.code)])
            return response
        }
    }

    /// The header's value, at most 128 bytes; `nil` when absent or empty.
    private static func headerValue(_ request: Request) -> String? {
        guard let value = request.headers[requestIDHeader], !value.isEmpty else { return nil }
        return value.utf8.count <= 128 ? value : String(decoding: value.utf8.prefix(128), as: UTF8.self)
    }

    private static func generateRequestID() -> String {
        "gen-" + String(UInt64.random(in: .min ... .max), radix: 16)
    }
}
