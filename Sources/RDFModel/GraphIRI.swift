/// The check on graph names that users give (`coatt load --graph`, `store drop`/`dump`, the
/// protocols' `graph`, `default-graph-uri` and `named-graph-uri` parameters): a name that is not
/// an absolute IRI would be stored as given and break every N-Quads dump that writes it.
public enum GraphIRI {
    /// What `isAbsolute` requires, for error messages.
    public static let requirement = "an absolute IRI (scheme:…) without spaces, control characters or any of <>\"{}|^`\\"

    /// Whether `text` is an absolute IRI: an ASCII scheme (`letter *(letter / digit / + - .)`), a
    /// colon, and none of the characters IRIs exclude (spaces, controls, `<>"{}|\^` and backtick),
    /// so that it can be written between `<…>` safely.
    public static func isAbsolute(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon].unicodeScalars
        guard let first = scheme.first, isLetter(first),
              scheme.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) })
        else { return false }
        return !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || "<>\"{}|\\^`".unicodeScalars.contains($0) }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
}
