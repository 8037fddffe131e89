extension FileSink {
    /// Rotates when the next write of `incoming` bytes is due in a new file; returns a failure.
    func rotateIfDue(_ state: inout State, incoming: Int, now: Int64) -> String? {
        switch options.rotation {
        case .none:
            return nil
        case .size(let maximumBytes, let keep):
            guard state.size > 0, state.size + Int64(incoming) > Int64(maximumBytes) else { return nil }
            guard pathNamesOpenFile(state) else { return reopenFile(&state, now: now) }
            // No deletion first: each rename replaces its target, and only the names below the first
            // free one move (the oldest kept file goes only when none is free). So a rotation tried
            // again after a failed rename finds a free name where it stopped and deletes nothing.
            let free = (1..<keep).first { !FileSystem.exists(path + "." + String($0)) } ?? keep
            for index in stride(from: free - 1, through: 1, by: -1) {
                let (source, target) = (path + "." + String(index), path + "." + String(index + 1))
                // A file that cannot move on would be overwritten by the next: rotate later instead.
                if let error = FileSystem.move(source, to: target) {
                    return "rotating \"\(source)\" to \"\(target)\" failed: \(error)"
                }
            }
            return renameAndReopen(&state, to: path + ".1", now: now)
        case .time(let period, let keep):
            let current = System.now().seconds.floorDivided(by: period.seconds)
            let previous = state.period
            state.period = current
            guard current != previous, state.size > 0 else { return nil }
            guard pathNamesOpenFile(state) else { return reopenFile(&state, now: now) }
            let target = Self.unusedName(path + "." + Self.stamp(forPeriod: previous, of: period))
            let problem = renameAndReopen(&state, to: target, now: now)
            state.period = current  // reopening replaced the state
            removeExpired(period: period, keep: keep)
            return problem
        }
    }

    /// Whether the path still names the open file. If not, rotating would fail (after deleting the
    /// oldest numbered file, on every write) or rotate another writer's file: reopen instead.
    private func pathNamesOpenFile(_ state: State) -> Bool {
        FileSystem.status(ofPath: path)?.identity == state.identity
    }

    private func renameAndReopen(_ state: inout State, to target: String, now: Int64) -> String? {
        if let error = FileSystem.move(path, to: target) {
            return "rotating to \"\(target)\" failed: \(error)"
        }
        return reopenFile(&state, now: now)
    }

    /// `2024-08-06` for a daily period, `2024-08-06T13` for an hourly one: the start of
    /// the period in RFC 3339 (`2024-08-06T13:00:00.000Z`) up to the day or the hour.
    package static func stamp(forPeriod index: Int64, of period: FileRotation.Period) -> String {
        String(LogTimestamp(secondsSinceEpoch: index * period.seconds).description.prefix(period.stampLength))
    }

    /// `name`, or `name.1`, `name.2`, ... when it exists (that period was rotated before, say
    /// across a restart).
    private static func unusedName(_ name: String) -> String {
        guard FileSystem.exists(name) else { return name }
        var index = 1
        while FileSystem.exists(name + "." + String(index)) { index += 1 }
        return name + "." + String(index)
    }

    /// Deletes the oldest time-rotated files beyond `keep`.
    private func removeExpired(period: FileRotation.Period, keep: Int) {
        let directory = Self.directory(of: path) ?? "."
        let base = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let prefix = base + "."
        let rotated = FileSystem.contents(ofDirectory: directory).filter { name in
            guard name.hasPrefix(prefix) else { return false }
            let rest = name.utf8.dropFirst(prefix.utf8.count)
            guard rest.count >= period.stampLength else { return false }
            return rest.prefix(period.stampLength).allSatisfy { byte in
                byte == UInt8(ascii: "-") || byte == UInt8(ascii: "T") || (0x30...0x39).contains(byte)
            }
        }
        guard rotated.count > keep else { return }
        // Stamps sort chronologically; `name.1` sorts after `name` of the same period.
        for name in rotated.sorted(by: Self.rotationOrder).dropLast(keep) {
            _ = FileSystem.remove(directory + "/" + name)
        }
    }

    private static func rotationOrder(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.split(separator: ".", omittingEmptySubsequences: false)
        let right = rhs.split(separator: ".", omittingEmptySubsequences: false)
        for (a, b) in zip(left, right) where a != b {
            if let x = Int(a), let y = Int(b) { return x < y }
            return a < b
        }
        return left.count < right.count
    }
}
