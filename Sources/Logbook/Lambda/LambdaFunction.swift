/// A Lambda function as the variables Lambda sets describe it, for formatters' static fields:
/// `LambdaJSONFormatter(staticFields: LambdaFunction.current.fields)`, or
/// ``LogEnvironment/includesLambdaFunctionFields`` when bootstrapping from the environment.
public struct LambdaFunction: Sendable, Hashable {
    static let nameVariable = "AWS_LAMBDA_FUNCTION_NAME"
    static let memorySizeVariable = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE"
    static let versionVariable = "AWS_LAMBDA_FUNCTION_VERSION"

    /// The function's name, `AWS_LAMBDA_FUNCTION_NAME`.
    public var name: String?
    /// The memory configured for the function in megabytes, `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`.
    public var memorySize: Int?
    /// The function's version, `AWS_LAMBDA_FUNCTION_VERSION`.
    public var version: String?

    /// Describes a function explicitly.
    public init(name: String? = nil, memorySize: Int? = nil, version: String? = nil) {
        self.name = name
        self.memorySize = memorySize
        self.version = version
    }

    /// Reads `variables`; empty values count as unset, a memory size not a whole number too.
    public init(environment variables: [String: String]) {
        func value(_ name: String) -> String? { variables[name].flatMap { $0.isEmpty ? nil : $0 } }
        self.init(
            name: value(Self.nameVariable),
            memorySize: value(Self.memorySizeVariable).flatMap { Int($0) },
            version: value(Self.versionVariable))
    }

    /// The function this process runs as, from its environment.
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
