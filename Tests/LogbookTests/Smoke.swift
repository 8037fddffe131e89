import Logbook
import Testing

@Test func smoke() { #expect(LogLevel.info < .warning) }
