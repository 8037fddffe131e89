extension Substring.UnicodeScalarView {
    /// The scalars without the leading and trailing ones `isTrimmed` accepts, each a scalar: one
    /// next to a mark that joins it in a Character (U+0600 before it, say) is trimmed all the same.
    func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> Substring.UnicodeScalarView {
        var view = self
        while let first = view.first, isTrimmed(first) { view.removeFirst() }
        while let last = view.last, isTrimmed(last) { view.removeLast() }
        return view
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (see `trimming(_:)`).
    func trimmingSpaces() -> String {
        String(Substring(Substring(self).unicodeScalars.trimming { $0 == " " || $0 == "\t" }))
    }
}
