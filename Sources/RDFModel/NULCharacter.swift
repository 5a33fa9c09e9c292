/// A term refused because it holds a NUL character (U+0000): raptor builds terms with `strlen`
/// and rasqal keeps strings as C strings, so such a term would be cut short at the NUL in
/// queries and results. The store refuses it whole rather than keep a shortened copy.
public struct NULCharacterError: Error, CustomStringConvertible {
    public let term: RDFTerm

    public init(term: RDFTerm) { self.term = term }

    public var description: String {
        "\(term.ntriples) holds a NUL character (\\u0000), which cannot be stored: raptor and rasqal end strings at NUL"
    }
}

extension Quad {
    /// Throws `NULCharacterError` when a term (lexical form, language, datatype or IRI) holds U+0000.
    public func checkNoNULCharacter() throws {
        for term in [subject, predicate, object, graph].compactMap({ $0 }) {
            let parts: [String?]
            if case .literal(let lexical, let language, let datatype) = term { parts = [lexical, language, datatype] } else { parts = [term.value] }
            if parts.contains(where: { $0?.utf8.contains(0) == true }) { throw NULCharacterError(term: term) }
        }
    }
}
