import Foundation
import RDFModel

/// Reads SPARQL 1.1 Query Results JSON into a `QueryOutcome`.
public enum JSONResultsReader {
    /// Parses a JSON results document (a SELECT or an ASK result).
    ///
    /// Also accepts the pre-standard `"typed-literal"` type. A variable bound in some solution
    /// but missing from `head.vars` is appended to the variables rather than dropped.
    public static func read(_ data: Data) throws -> QueryOutcome {
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ResultsParseError("invalid JSON: \(error.localizedDescription)")
        }
        guard let root = document as? [String: Any] else { throw ResultsParseError("JSON results must be an object") }
        if let boolean = root["boolean"] {
            guard let value = boolean as? Bool else { throw ResultsParseError("\"boolean\" must be true or false") }
            return .boolean(value)
        }
        var variables = (root["head"] as? [String: Any])?["vars"] as? [String] ?? []
        guard let bindings = (root["results"] as? [String: Any])?["bindings"] as? [[String: Any]] else {
            throw ResultsParseError("JSON results have neither \"boolean\" nor \"results.bindings\"")
        }
        var solutions: [[String: RDFTerm]] = []
        for binding in bindings {
            var solution: [String: RDFTerm] = [:]
            for (name, value) in binding {
                guard let object = value as? [String: Any] else { throw ResultsParseError("binding of \(name) is not an object") }
                solution[name] = try term(from: object)
                if !variables.contains(name) { variables.append(name) }
            }
            solutions.append(solution)
        }
        return .solutions(SolutionTable(variables: variables, rows: solutions.map { s in variables.map { s[$0] } }))
    }

    private static func term(from object: [String: Any]) throws -> RDFTerm {
        guard let type = object["type"] as? String, let value = object["value"] as? String else {
            throw ResultsParseError("RDF term object needs string \"type\" and \"value\"")
        }
        switch type {
        case "uri": return .iri(value)
        case "bnode": return .blank(value)
        case "literal", "typed-literal":
            return .literal(value, language: object["xml:lang"] as? String, datatype: object["datatype"] as? String)
        default: throw ResultsParseError("unknown RDF term type \"\(type)\"")
        }
    }
}
