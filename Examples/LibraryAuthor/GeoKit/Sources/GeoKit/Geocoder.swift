import Logbook

/// Turns place names into coordinates. A stand-in for any library that logs.
public struct Geocoder: Sendable {
    /// A point on Earth.
    public struct Coordinate: Sendable, Equatable {
        /// Degrees north.
        public var latitude: Double
        /// Degrees east.
        public var longitude: Double
    }

    /// Thrown for a place the geocoder does not know.
    public struct UnknownPlace: Error, CustomStringConvertible {
        /// The name that was looked up.
        public var name: String
        /// `unknown place "<name>"`.
        public var description: String { "unknown place \"\(name)\"" }
    }

    // Loggers named after the library and its parts, so the application can tune them:
    // Log("geokit").level = .debug, Log("geokit.cache").level = .warning, ...
    private let log = Log("geokit.geocoder")
    private let cache = Log("geokit.cache")

    private static let known: [String: Coordinate] = [
        "lisbon": Coordinate(latitude: 38.7223, longitude: -9.1393),
        "oslo": Coordinate(latitude: 59.9139, longitude: 10.7522),
    ]

    /// Creates a geocoder.
    public init() {}

    /// The coordinate of `place`, case-insensitively.
    public func locate(_ place: String) throws -> Coordinate {
        let key = place.lowercased()
        cache.debug("cache lookup", ["key": key])
        guard let coordinate = Self.known[key] else {
            let error = UnknownPlace(name: place)
            log.warning("lookup failed", ["place": place], error: error)
            throw error
        }
        log.info("located", ["place": place, "lat": coordinate.latitude, "lon": coordinate.longitude])
        return coordinate
    }
}
