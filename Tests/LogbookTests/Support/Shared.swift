import Synchronization

/// An integer that concurrent tasks can share.
final class SharedCounter: Sendable {
    private let storage = Atomic(0)

    var value: Int { storage.load(ordering: .acquiring) }

    func increment() {
        storage.add(1, ordering: .relaxed)
    }
}

/// A flag that concurrent tasks can share.
final class SharedFlag: Sendable {
    private let storage = Atomic(false)

    var isSet: Bool { storage.load(ordering: .acquiring) }

    func set() {
        storage.store(true, ordering: .releasing)
    }
}
