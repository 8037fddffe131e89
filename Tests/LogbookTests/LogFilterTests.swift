import Logbook
import Testing

@Suite("LogFilter: the logger-name filters")
struct LogFilterTests {
    static let loggers = ["root", "payments", "payments.gateway", "paymentsx", "audit"]

    func kept(by filter: LogFilter) -> [String] {
        Self.loggers.filter { filter.accepts(LogRecord(level: .info, logger: $0, message: "m")) }
    }

    @Test("a logger and its descendants, by name as Log(_:) reads it")
    func under() {
        #expect(kept(by: .logger(under: "payments")) == ["payments", "payments.gateway"])
        #expect(kept(by: .logger(under: "payments.")) == ["payments", "payments.gateway"])
        #expect(kept(by: .logger(under: "root.payments")) == ["payments", "payments.gateway"])
        #expect(kept(by: .excludingLogger(under: "payments")) == ["root", "paymentsx", "audit"])
        #expect(kept(by: .excludingLogger(under: " payments ")) == ["root", "paymentsx", "audit"])
    }

    @Test("the root's descendants are every logger: it keeps, or drops, every record")
    func root() {
        for name in ["root", "", "."] {
            #expect(kept(by: .logger(under: name)) == Self.loggers, "\(name)")
            #expect(kept(by: .excludingLogger(under: name)).isEmpty, "\(name)")
        }
    }
}
