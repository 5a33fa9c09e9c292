import Foundation
import RDFModel

/// Property paths (SPARQL 1.1 §19.1, rules 88–96) and the IRIs in them, resolved against the
/// query's prologue.
extension PatternReader {
    mutating func readAlternative() throws -> PropertyPath {
        try readSeparated(by: "|", { try $0.readSequence() }, combined: PropertyPath.alternative)
    }

    mutating func readSequence() throws -> PropertyPath {
        try readSeparated(by: "/", { try $0.readStep() }, combined: PropertyPath.sequence)
    }

    /// `part (separator part)*`, the parts combined when there are several.
    mutating func readSeparated(by separator: String, _ readPart: (inout PatternReader) throws -> PropertyPath,
                                combined: ([PropertyPath]) -> PropertyPath) throws -> PropertyPath {
        var parts = [try readPart(&self)]
        while isAt(separator) {
            index += 1
            parts.append(try readPart(&self))
            // The evaluator walks a sequence recursively, one level per step.
            guard parts.count <= Self.maxDepth else { throw Unreadable() }
        }
        return parts.count == 1 ? parts[0] : combined(parts)
    }

    mutating func readStep() throws -> PropertyPath {
        if isAt("^") {
            index += 1
            return .inverse(try readElement())
        }
        return try readElement()
    }

    mutating func readElement() throws -> PropertyPath {
        let primary = try readPrimary()
        if isAt("?") { index += 1; return .zeroOrOne(primary) }
        if isAt("*") { index += 1; return .zeroOrMore(primary) }
        if isAt("+") { index += 1; return .oneOrMore(primary) }
        return primary
    }

    mutating func readPrimary() throws -> PropertyPath {
        if isAt("(") {
            index += 1
            let path = try nested { try $0.readAlternative() }
            try expect(")")
            return path
        }
        if isAt("!") {
            index += 1
            var forward: [String] = [], inverse: [String] = []
            let grouped = isAt("(")
            if grouped { index += 1 }
            repeat {
                if grouped && isAt("|") { index += 1 }
                if isAt("^") {
                    index += 1
                    inverse.append(try readIRI())
                } else {
                    forward.append(try readIRI())
                }
            } while grouped && isAt("|")
            if grouped { try expect(")") }
            return .negated(forward: forward, inverse: inverse)
        }
        return .link(try readIRI())
    }

    /// An IRI, prefixed name or `a`, resolved.
    mutating func readIRI() throws -> String {
        guard let token = current else { throw Unreadable() }
        index += 1
        switch token.kind {
        case .iri:
            return resolve(iri: token.text)
        case .prefixedName:
            let colon = token.text.firstIndex(of: ":")!
            guard let namespace = prefixes[String(token.text[..<colon])] else { throw Unreadable() }
            return namespace + SPARQLToken.unescapedLocalName(token.text[token.text.index(after: colon)...])
        case .word where token.text == "a":
            return Vocabulary.rdfType
        default:
            throw Unreadable()
        }
    }

    /// `<iri>` without its brackets, resolved against the base when relative.
    func resolve(iri bracketed: String) -> String {
        let iri = String(bracketed.dropFirst().dropLast())
        guard !Self.hasScheme(iri), let base, let baseURL = URL(string: base),
              let resolved = URL(string: iri, relativeTo: baseURL) else { return iri }
        return resolved.absoluteString
    }

    static func hasScheme(_ iri: String) -> Bool {
        guard let colon = iri.firstIndex(of: ":"), let first = iri.first, first.isLetter else { return false }
        return iri[..<colon].allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }
}
