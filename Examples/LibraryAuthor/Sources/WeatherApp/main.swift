import GeoKit
import Logbook

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one line to standard output, unbuffered, so the app's lines and the log lines
/// keep their order even when standard output is a pipe.
func say(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
}

// Run without arguments, the app never configures logging: GeoKit's records go nowhere,
// except its warning, which the last resort writes to standard error.
// Run with `--configure-logging`, the app opts in: JSON lines on standard output, with
// GeoKit's cache chatter turned down.
if CommandLine.arguments.contains("--configure-logging") {
    try Log.bootstrap(level: .debug, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])
    Log("geokit.cache").level = .info
}

let geocoder = Geocoder()
for place in ["Lisbon", "Atlantis", "Oslo"] {
    if let coordinate = try? geocoder.locate(place) {
        say("\(place): \(coordinate.latitude), \(coordinate.longitude)")
    } else {
        say("\(place): not found")
    }
}
