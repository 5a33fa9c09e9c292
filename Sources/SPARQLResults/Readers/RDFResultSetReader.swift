import RDFModel

/// Decodes a result set written as RDF with the DAWG result-set vocabulary
/// (`http://www.w3.org/2001/sw/DataAccess/tests/result-set#`), as some SPARQL 1.0 tests give
/// their expected results and as `roqet -r turtle` prints them.
public enum RDFResultSetReader {
    /// The namespace of the result-set vocabulary.
    public static let namespace = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"

    /// The outcome described by the graph's `rs:ResultSet`, or nil if it has none.
    ///
    /// Solutions carrying `rs:index` are put in index order; otherwise their order is unspecified.
    public static func read(_ quads: [Quad]) throws -> QueryOutcome? {
        let graph = Dictionary(grouping: quads, by: \.subject)
        func objects(_ subject: RDFTerm, _ property: String) -> [RDFTerm] {
            graph[subject, default: []].filter { $0.predicate == .iri(namespace + property) }.map(\.object)
        }
        let resultSetType = RDFTerm.iri(namespace + "ResultSet")
        guard let resultSet = quads.first(where: { $0.predicate == .iri(Vocabulary.rdfType) && $0.object == resultSetType })?.subject else {
            return nil
        }
        if let boolean = objects(resultSet, "boolean").first {
            return .boolean(boolean.value == "true" || boolean.value == "1")
        }
        var variables = objects(resultSet, "resultVariable").map(\.value)
        var solutions: [(index: Int?, bindings: [String: RDFTerm])] = []
        for solution in objects(resultSet, "solution") {
            var bindings: [String: RDFTerm] = [:]
            for binding in objects(solution, "binding") {
                guard let name = objects(binding, "variable").first?.value, let value = objects(binding, "value").first else {
                    throw ResultsParseError("rs:binding without rs:variable or rs:value")
                }
                bindings[name] = value
                if !variables.contains(name) { variables.append(name) }
            }
            solutions.append((objects(solution, "index").first.flatMap { Int($0.value) }, bindings))
        }
        if solutions.contains(where: { $0.index != nil }) {
            solutions.sort { ($0.index ?? .max) < ($1.index ?? .max) }
        }
        return .solutions(SolutionTable(variables: variables, rows: solutions.map { s in variables.map { s.bindings[$0] } }))
    }
}
