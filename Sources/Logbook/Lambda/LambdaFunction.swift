/// A Lambda function as the variables Lambda sets describe it, for formatters' static fields:
/// `LambdaJSONFormatter(staticFields: LambdaFunction.current.fields)`, or
/// ``LogEnvironment/includesLambdaFunctionFields`` when bootstrapping from the environment.
public struct LambdaFunction: Sendable, Hashable {
    static let nameVariable = "AWS_LAMBDA_FUNCTION_NAME"
    static let memorySizeVariable = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE"
    static let versionVariable = "AWS_LAMBDA_FUNCTION_VERSION"

    package var name: String?
    /// In megabytes.
    package var memorySize: Int?
    package var version: String?

    /// The function `variables` describe, read as ``current`` reads the process's.
    package init(environment variables: [String: String]) {
        func value(_ name: String) -> String? { variables[name].flatMap { $0.isEmpty ? nil : $0 } }
        name = value(Self.nameVariable)
        memorySize = value(Self.memorySizeVariable).flatMap { Int($0) }
        version = value(Self.versionVariable)
    }

    /// The function this process runs as, from `AWS_LAMBDA_FUNCTION_NAME`,
    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` and `AWS_LAMBDA_FUNCTION_VERSION`; empty values count as
    /// unset, a memory size not a whole number too.
    public static var current: LambdaFunction {
        LambdaFunction(environment: System.environment([nameVariable, memorySizeVariable, versionVariable]))
    }

    /// `function_name`, `function_memory_size` and `function_version`, each when known.
    public var fields: LogFields {
        var fields = LogFields()
        if let name { fields["function_name"] = name }
        if let memorySize { fields["function_memory_size"] = memorySize }
        if let version { fields["function_version"] = version }
        return fields
    }
}
