#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif

/// One process-level scenario: receives the arguments after its name and returns the
/// process's exit status.
typealias Scenario = @Sendable ([String]) async -> Int32
