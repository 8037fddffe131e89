extension String {
    /// The string without leading and trailing spaces and tabs, each a scalar: one next to a mark
    /// that joins it in a Character (U+0600 before it, say) is trimmed all the same.
    func trimmingSpaces() -> String {
        var view = Substring(self).unicodeScalars
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(Substring(view))
    }
}
