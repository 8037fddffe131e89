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

/// Writes `text` to standard error with one `write(2)`, for what a scenario reports beside
/// its records.
func writeStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
