import RDFModel

/// Reads SPARQL 1.1 Query Results TSV into a `SolutionTable`.
///
/// Terms are N-Triples syntax plus the Turtle shorthands the format allows for numbers and
/// booleans (`4`, `5.5`, `1.0e6`, `true`), which become typed literals with that lexical form.
/// Empty fields are unbound.
public enum TSVResultsReader {
    /// Parses a TSV results document.
    public static func read(_ text: String) throws -> SolutionTable {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first else { throw ResultsParseError("TSV results have no header line") }
        let variables = try header.split(separator: "\t", omittingEmptySubsequences: false).map { field in
            guard field.first == "?" || field.first == "$" else { throw ResultsParseError("TSV header field \"\(field)\" does not start with '?'") }
            return String(field.dropFirst())
        }
        var rows: [[RDFTerm?]] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == variables.count else {
                throw ResultsParseError("TSV line \(offset + 2) has \(fields.count) fields for \(variables.count) variables")
            }
            rows.append(try fields.map { $0.isEmpty ? nil : try term(String($0)) })
        }
        return SolutionTable(variables: variables, rows: rows)
    }

    private static func term(_ field: String) throws -> RDFTerm {
        if let shorthand = turtleShorthand(field) { return shorthand }
        do {
            return try NTriplesReader.term(from: field)
        } catch {
            throw ResultsParseError("TSV value \(field): \(error.message)")
        }
    }

    /// The typed literal a Turtle number or boolean stands for, or nil if `field` is neither.
    private static func turtleShorthand(_ field: String) -> RDFTerm? {
        let xsd = "http://www.w3.org/2001/XMLSchema#"
        if field == "true" || field == "false" { return .literal(field, datatype: xsd + "boolean") }
        var digits = Substring(field)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        let mantissa = digits.prefix { $0 != "e" && $0 != "E" }
        let exponent = digits.dropFirst(mantissa.count)
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard mantissa.contains(where: \.isASCIIDigit), parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if !exponent.isEmpty {
            var power = exponent.dropFirst()
            if power.first == "+" || power.first == "-" { power = power.dropFirst() }
            guard !power.isEmpty, power.allSatisfy(\.isASCIIDigit) else { return nil }
            return .literal(field, datatype: xsd + "double")
        }
        return .literal(field, datatype: xsd + (parts.count == 2 ? "decimal" : "integer"))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
