import RDFModel

/// How much of each term the expected results preserve, which decides what a comparison can check.
public enum ResultsFidelity: Sendable {
    /// Full RDF terms (XML, JSON, RDF): terms must be equal.
    case exact
    /// TSV: numbers may be Turtle shorthands (`1.0e6` for `"1.0E6"^^xsd:double`), so doubles
    /// compare by numeric value; everything else must be equal.
    case tsv
    /// CSV: only each value's text survives, so terms compare by their CSV rendering
    /// (blank nodes still by label mapping, and an empty value counts as unbound).
    case csv
}

/// What a results comparison treats as equal.
public struct ComparisonOptions: Sendable, Equatable {
    /// Whether solution order matters (the query has ORDER BY). Otherwise solutions are a multiset.
    public var ordered: Bool
    /// Whether duplicates may be dropped (`mf:LaxCardinality`, for REDUCED): solutions then compare as sets.
    public var laxCardinality: Bool
    /// How faithful the expected results are.
    public var fidelity: ResultsFidelity
    /// Whether XSD numbers and booleans of one datatype compare by value (`"6.0"^^xsd:decimal`
    /// equals `"6"^^xsd:decimal`), as the W3C SPARQL test suites compare literals; otherwise a
    /// literal's lexical form must be equal.
    public var literalsByValue: Bool

    /// Creates options; the defaults are an unordered, exact multiset comparison.
    public init(ordered: Bool = false, laxCardinality: Bool = false, fidelity: ResultsFidelity = .exact, literalsByValue: Bool = false) {
        self.ordered = ordered
        self.laxCardinality = laxCardinality
        self.fidelity = fidelity
        self.literalsByValue = literalsByValue
    }
}

extension RDFTerm {
    /// The representative of this term's equivalence class under `options`, or nil when the
    /// term must count as unbound (an empty CSV value).
    ///
    /// Literal equality follows RDF 1.1: a simple literal is an `xsd:string`, and language tags
    /// compare case-insensitively.
    func canonical(for options: ComparisonOptions) -> RDFTerm? {
        let fidelity = options.fidelity
        switch (self, fidelity) {
        case (.blank, _):
            return self
        case (_, .csv):
            let text = plainText
            return text.isEmpty ? nil : .literal(text)
        case (.iri, _):
            return self
        case (.literal(let lex, let language?, _), _):
            return .literal(lex, language: language.lowercased())
        case (.literal(let lex, nil, let datatype), _):
            if datatype == nil || datatype == Vocabulary.xsdString { return .literal(lex) }
            if options.literalsByValue, let datatype, let form = XSDCanonicalForm.canonical(lex, datatype: datatype) {
                return .literal(form, datatype: datatype)
            }
            if fidelity == .tsv, datatype == Self.xsdDouble, let number = Double(lex) {
                return .literal(String(number), datatype: datatype)
            }
            return self
        }
    }

    private static let xsdDouble = "http://www.w3.org/2001/XMLSchema#double"
}
