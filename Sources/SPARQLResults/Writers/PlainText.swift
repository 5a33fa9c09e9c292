import RDFModel

extension RDFTerm {
    /// The term as the CSV results format writes it: the IRI, the lexical form, or `_:label`.
    var plainText: String {
        switch self {
        case .iri(let iri): return iri
        case .blank(let label): return "_:" + label
        case .literal(let lex, _, _): return lex
        }
    }
}
