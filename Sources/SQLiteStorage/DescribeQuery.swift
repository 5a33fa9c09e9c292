import CRedland
import RDFModel
import Redland

/// A DESCRIBE query, which rasqal 0.9.33 parses but cannot answer (it fails `DESCRIBE <iri>` and
/// answers `DESCRIBE … WHERE` with no triples). The resources described are the IRIs it names and
/// the values its WHERE clause binds to its variables, found by running the same text as a
/// `SELECT DISTINCT` of those variables. Each resource is described by its Concise Bounded
/// Description (the triples it is the subject of, and those of the blank nodes among their
/// objects, recursively), read in the query's default graph.
struct DescribeQuery {
    /// The IRIs the query names, resolved against its prologue.
    let iris: [RDFTerm]
    /// The query rewritten as a SELECT of the values to describe; nil when it describes no variable.
    let select: String?

    /// - Parameters:
    ///   - query: the parsed DESCRIBE query.
    ///   - text: the text it was parsed from.
    init(_ query: OpaquePointer, text: String) throws {
        var iris: [RDFTerm] = [], variables: [String] = []
        if let targets = rasqal_query_get_describe_sequence(query) {
            for index in 0..<raptor_sequence_size(targets) {
                guard let literal = raptor_sequence_get_at(targets, index)?.assumingMemoryBound(to: rasqal_literal.self) else { continue }
                if literal.pointee.type == RASQAL_LITERAL_VARIABLE, let variable = literal.pointee.value.variable {
                    variables.append("?" + String(cString: variable.pointee.name))
                } else if let term = RasqalTermCache.term(of: literal), case .iri = term {
                    iris.append(term)
                }
            }
        }
        self.iris = iris
        let scalars = Array(text.unicodeScalars)
        guard let clause = Self.describeClause(in: scalars) else {
            throw RedlandError("the DESCRIBE clause of the query could not be found")
        }
        // rasqal 0.9.33 records neither the variables nor a wildcard for `DESCRIBE *`.
        let projection = clause.wildcard ? "*" : variables.joined(separator: " ")
        if let end = clause.end, !projection.isEmpty {
            select = String(scalars: scalars[..<clause.start]) + "SELECT DISTINCT \(projection) "
                + String(scalars: scalars[end...])
        } else {
            select = nil
        }
    }

    /// The query as rasqal is to prepare it: with `DESCRIBE *` (which `mentions`, found in the
    /// text, tell) written `DESCRIBE ?__coatt_described`. rasqal 0.9.33 keeps no targets for `*`,
    /// and preparing reads that missing list, printing raptor's assertion message on standard
    /// error. The resources are found from the text as written (`describeClause`), whose `*` stands.
    static func preparable(_ text: String, mentions: SyntaxMentions) -> String {
        guard mentions.contains(.describeWildcard) else { return text }
        let scalars = Array(text.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars),
              let describe = tokens.firstIndex(where: { $0.isKeyword("DESCRIBE") }),
              describe + 1 < tokens.count, tokens[describe + 1].isPunctuation("*") else { return text }
        var edits = TextEdits()
        edits.replace((describe + 1)..<(describe + 2), of: tokens, with: "?\(VisibleSolutions.hiddenPrefix)described")
        return edits.applied(to: scalars)
    }

    /// Where `DESCRIBE targets` starts in the query's scalars, whether its targets are `*`, and
    /// where the dataset or WHERE clause after it starts (nil: there is none, so no variable can be
    /// bound). The text has parsed already, so its tokens find the clause: before it only the
    /// prologue; after it the targets, up to the first keyword that ends them (`FROM`, `WHERE`, or
    /// the `{` that may stand without `WHERE`).
    static func describeClause(in scalars: [Unicode.Scalar]) -> (start: Int, wildcard: Bool, end: Int?)? {
        guard let tokens = SPARQLToken.tokens(of: scalars),
              let describe = tokens.firstIndex(where: { $0.isKeyword("DESCRIBE") }) else { return nil }
        let start = tokens[describe].range.lowerBound
        let targets = tokens[(describe + 1)...]
        let end = targets.firstIndex { $0.isKeyword("FROM") || $0.isKeyword("WHERE") || $0.isPunctuation("{") }
        let wildcard = targets[..<(end ?? targets.endIndex)].contains { $0.isPunctuation("*") }
        return (start, wildcard, end.map { tokens[$0].range.lowerBound })
    }
}
