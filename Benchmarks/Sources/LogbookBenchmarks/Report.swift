#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the table goes. Standard output is pointed at `/dev/null` for the whole run,
/// because the end-to-end scenarios write their records there; the report goes to the
/// original standard output, progress to standard error.
enum Report {
    nonisolated(unsafe) private static var reportFD: Int32 = 1

    /// Keeps the original standard output for the report and sends descriptor 1 to
    /// `/dev/null`.
    static func redirectStandardOutputToDevNull() {
        fflush(nil)
        reportFD = dup(1)
        let devNull = open("/dev/null", O_WRONLY)
        guard reportFD >= 0, devNull >= 0 else {
            progress("could not redirect standard output to /dev/null")
            exit(2)
        }
        dup2(devNull, 1)
        close(devNull)
    }

    /// Writes `text` and a newline to the original standard output.
    static func line(_ text: String) {
        write(text + "\n", to: reportFD)
    }

    /// Writes `text` and a newline to standard error.
    static func progress(_ text: String) {
        write(text + "\n", to: 2)
    }

    private static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                #if canImport(Glibc)
                let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                #else
                let written = Darwin.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                #endif
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
