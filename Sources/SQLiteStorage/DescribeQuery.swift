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
        guard let clause = Self.describeClause(in: text) else {
            throw RedlandError("the DESCRIBE clause of the query could not be found")
        }
        // rasqal 0.9.33 records neither the variables nor a wildcard for `DESCRIBE *`.
        let projection = clause.wildcard ? "*" : variables.joined(separator: " ")
        if let end = clause.end, !projection.isEmpty {
            select = String(text.unicodeScalars[..<clause.start]) + "SELECT DISTINCT \(projection) " + String(text.unicodeScalars[end...])
        } else {
            select = nil
        }
    }

    typealias Position = String.UnicodeScalarView.Index

    /// Where `DESCRIBE targets` starts in `text`, whether its targets are `*`, and where the dataset
    /// or WHERE clause after it starts (nil: there is none, so no variable can be bound). The text
    /// has parsed already, so a token scan finds the clause: before it only the prologue (BASE,
    /// PREFIX, IRIs, comments); after it the targets, up to the first keyword that ends them.
    static func describeClause(in text: String) -> (start: Position, wildcard: Bool, end: Position?)? {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var start: Position?, wildcard = false
        while let token = nextToken(in: scalars, from: &index) {
            let word = String(scalars[token]).uppercased()
            if let start {
                if targetEnds.contains(word) { return (start, wildcard, token.lowerBound) }
                wildcard = wildcard || word == "*"
            } else if word == "DESCRIBE" {
                start = token.lowerBound
            }
        }
        return start.map { ($0, wildcard, nil) }
    }

    /// What may follow DESCRIBE's targets in a query that has a WHERE clause (`WHERE` is optional
    /// before `{`).
    private static let targetEnds: Set<String> = ["FROM", "WHERE", "{"]

    /// The next token from `index` (whitespace and comments skipped): an IRI in angle brackets,
    /// `{`, `*`, or a run of other characters (a keyword, a variable, a prefixed name).
    private static func nextToken(in scalars: String.UnicodeScalarView, from index: inout Position) -> Range<Position>? {
        while index < scalars.endIndex {
            if scalars[index].properties.isWhitespace {
                index = scalars.index(after: index)
            } else if scalars[index] == "#" {
                index = scalars[index...].firstIndex(of: "\n") ?? scalars.endIndex
            } else {
                break
            }
        }
        guard index < scalars.endIndex else { return nil }
        let start = index
        switch scalars[index] {
        case "<":
            index = scalars[index...].firstIndex(of: ">").map { scalars.index(after: $0) } ?? scalars.endIndex
        case "{", "*":
            index = scalars.index(after: index)
        default:
            while index < scalars.endIndex, !scalars[index].properties.isWhitespace, !"<{#*".unicodeScalars.contains(scalars[index]) {
                // A backslash escapes the character after it (`ex:a\#b`).
                if scalars[index] == "\\", scalars.index(after: index) < scalars.endIndex { index = scalars.index(after: index) }
                index = scalars.index(after: index)
            }
        }
        return start..<index
    }
}
