/// How an error is described in records.
enum ErrorDescription {
    /// The error's fully qualified type name, e.g. `Payments.GatewayError`.
    static func typeName(of error: any Error) -> String {
        String(reflecting: type(of: error))
    }

    /// The error's description (`CustomStringConvertible`, else the default rendering).
    static func message(of error: any Error) -> String {
        String(describing: error)
    }
}
