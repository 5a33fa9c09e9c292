import Foundation
import RDFModel

/// The order of RDF terms for ORDER BY (`SolutionModifiers`), as SPARQL 1.1 §15.1 says: unbound,
/// then blank nodes, IRIs, literals; IRIs and strings by code point; numbers by value. Where
/// SPARQL leaves the order open, literals go numbers, booleans, date-times, strings (simple,
/// `xsd:string` and language-tagged alike: by text, then tag, none first, so labels sort
/// alphabetically whatever their tags), other datatypes (by datatype IRI, then text).
enum SPARQLTermOrder {
    /// Negative, zero or positive as `a` comes before, with or after `b`.
    static func compare(_ a: RDFTerm?, _ b: RDFTerm?) -> Int {
        Key(a).compare(with: Key(b))
    }

}

extension SPARQLTermOrder {
    /// What decides a term's place, made once per value sorted.
    enum Key {
        case unbound, blank(String), iri(String), literal(LiteralKey)

        init(_ term: RDFTerm?) {
            switch term {
            case nil: self = .unbound
            case .blank(let label)?: self = .blank(label)
            case .iri(let iri)?: self = .iri(iri)
            case .literal(let lexical, let language, let datatype)?: self = .literal(LiteralKey(lexical, language, datatype))
            }
        }

        private var rank: Int {
            switch self {
            case .unbound: 0
            case .blank: 1
            case .iri: 2
            case .literal: 3
            }
        }

        func compare(with other: Key) -> Int {
            switch (self, other) {
            case (.blank(let x), .blank(let y)), (.iri(let x), .iri(let y)): x.utf8Order(y)
            case (.literal(let x), .literal(let y)): x.compare(with: y)
            default: rank - other.rank
            }
        }
    }

    /// What decides a literal's place among literals.
    struct LiteralKey {
        private enum Kind: Int { case number, boolean, dateTime, string, other }

        private let kind: Kind
        private let number: Double
        private let lexical: String
        /// The language tag (none: empty) or the datatype IRI.
        private let extra: String

        init(_ lexical: String, _ language: String?, _ datatype: String?) {
            self.lexical = lexical
            let xsd = "http://www.w3.org/2001/XMLSchema#"
            let type = datatype.flatMap { $0.hasPrefix(xsd) ? String($0.dropFirst(xsd.count)) : nil }
            if let language {
                (kind, number, extra) = (.string, 0, language.lowercased())
            } else if datatype == nil || type == "string" {
                (kind, number, extra) = (.string, 0, "")
            } else if let type, Self.numericTypes.contains(type), let value = Double(lexical.trimmingCharacters(in: .whitespacesAndNewlines)) {
                (kind, number, extra) = (.number, value, "")
            } else if type == "boolean", ["true", "false", "1", "0"].contains(lexical) {
                (kind, number, extra) = (.boolean, lexical == "true" || lexical == "1" ? 1 : 0, "")
            } else if type == "dateTime" {
                (kind, number, extra) = (.dateTime, 0, "")
            } else {
                (kind, number, extra) = (.other, 0, datatype ?? "")
            }
        }

        private static let numericTypes: Set<String> = [
            "integer", "decimal", "float", "double", "nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte",
            "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "positiveInteger",
        ]

        func compare(with other: LiteralKey) -> Int {
            if kind != other.kind { return kind.rawValue - other.kind.rawValue }
            switch kind {
            case .number, .boolean:
                // NaN after every number, so that the order stays an order (sorting needs one).
                if number.isNaN || other.number.isNaN { return (number.isNaN ? 1 : 0) - (other.number.isNaN ? 1 : 0) }
                return number == other.number ? 0 : (number < other.number ? -1 : 1)
            case .other:
                let byType = extra.utf8Order(other.extra)
                return byType != 0 ? byType : lexical.utf8Order(other.lexical)
            case .string:
                let byText = lexical.utf8Order(other.lexical)
                return byText != 0 ? byText : extra.utf8Order(other.extra)
            case .dateTime:
                return lexical.utf8Order(other.lexical)
            }
        }
    }
}
