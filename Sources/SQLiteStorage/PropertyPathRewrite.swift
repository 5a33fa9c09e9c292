import Foundation
import RDFModel

/// A query whose property paths are replaced by placeholder predicates, so that rasqal 0.9.33,
/// which cannot parse paths, parses it; each placeholder names the path it stands for.
///
/// The query's WHERE clause is read as far as triple patterns go: groups, OPTIONAL, UNION, MINUS,
/// GRAPH, SERVICE, subqueries, and the subject, verbs and objects of each triple pattern, with
/// expressions (FILTER, BIND, VALUES, SELECT expressions) skipped as balanced brackets. Every verb
/// that is a path and not a single IRI is parsed (SPARQL 1.1 §19.1, `Path`), its IRIs resolved
/// against the query's prologue, and replaced in the text by `<placeholder>`, followed by as many
/// line breaks as the path spanned, so that rasqal's error messages keep their line numbers.
struct PropertyPathRewrite {
    /// The start of every placeholder IRI; a number follows.
    static let placeholderPrefix = "urn:x-coatt:property-path:"

    /// The query as rasqal is given it.
    let text: String
    /// The paths, by placeholder IRI.
    let paths: [String: PropertyPath]

    /// nil when the query has no path to replace, or when its patterns cannot be read: rasqal then
    /// parses the text as written and reports what is wrong with it.
    init?(_ query: String, baseIRI: String?) {
        let scalars = Array(query.unicodeScalars)
        let pathMarks: Set<String> = ["/", "|", "^", "*", "+", "?", "!"]
        guard let tokens = SPARQLToken.tokens(of: scalars),
              tokens.contains(where: { $0.kind == .punctuation && pathMarks.contains($0.text) }) else { return nil }
        var reader = PatternReader(tokens: tokens, base: baseIRI)
        guard (try? reader.readQuery()) != nil, !reader.found.isEmpty else { return nil }

        var text = String.UnicodeScalarView(), paths: [String: PropertyPath] = [:], copied = 0
        for (number, (range, path)) in reader.found.enumerated() {
            let placeholder = Self.placeholderPrefix + String(number)
            paths[placeholder] = path
            text.append(contentsOf: scalars[copied..<range.lowerBound])
            text.append(contentsOf: "<\(placeholder)>".unicodeScalars)
            text.append(contentsOf: scalars[range].filter { $0 == "\n" })
            copied = range.upperBound
        }
        text.append(contentsOf: scalars[copied...])
        self.text = String(text)
        self.paths = paths
    }
}

/// Reads a query's tokens as far as `PropertyPathRewrite` needs, collecting its paths.
private struct PatternReader {
    struct Unreadable: Error {}

    let tokens: [SPARQLToken]
    var base: String?
    var prefixes: [String: String] = [:]
    var index = 0
    /// Each path found: the scalar range of its text and the path.
    var found: [(Range<Int>, PropertyPath)] = []

    init(tokens: [SPARQLToken], base: String?) {
        self.tokens = tokens
        self.base = base
    }

    /// Keywords that start a member of a group other than a triple pattern.
    static let groupKeywords: Set<String> = ["OPTIONAL", "MINUS", "UNION", "GRAPH", "SERVICE", "FILTER", "BIND", "VALUES"]

    var current: SPARQLToken? { index < tokens.count ? tokens[index] : nil }

    func isAt(_ mark: String) -> Bool { current?.isPunctuation(mark) == true }

    mutating func expect(_ mark: String) throws {
        guard isAt(mark) else { throw Unreadable() }
        index += 1
    }

    /// The prologue, then the first group outside brackets: the WHERE clause (a CONSTRUCT
    /// template is skipped; `CONSTRUCT WHERE` is left to rasqal). Solution modifiers and a
    /// trailing VALUES hold no patterns.
    mutating func readQuery() throws {
        while let token = current {
            if token.isKeyword("PREFIX"), index + 2 < tokens.count, tokens[index + 1].kind == .prefixedName,
               tokens[index + 2].kind == .iri {
                prefixes[String(tokens[index + 1].text.dropLast())] = resolve(iri: tokens[index + 2].text)
                index += 3
            } else if token.isKeyword("BASE"), index + 1 < tokens.count, tokens[index + 1].kind == .iri {
                base = resolve(iri: tokens[index + 1].text)
                index += 2
            } else if token.isKeyword("CONSTRUCT"), index + 1 < tokens.count, tokens[index + 1].isPunctuation("{") {
                index += 1
                try skipBracketed()
            } else if token.isKeyword("CONSTRUCT"), index + 1 < tokens.count, tokens[index + 1].isKeyword("WHERE") {
                throw Unreadable()  // its pattern is its template, where SPARQL allows no paths
            } else if token.isPunctuation("(") {
                try skipBracketed()
            } else if token.isPunctuation("{") {
                return try readGroup()
            } else {
                index += 1
            }
        }
    }

    /// Skips from an opening bracket past the one that closes it.
    mutating func skipBracketed() throws {
        var depth = 0
        repeat {
            guard let token = current else { throw Unreadable() }
            if token.kind == .punctuation {
                if ["(", "{", "["].contains(token.text) { depth += 1 }
                if [")", "}", "]"].contains(token.text) { depth -= 1 }
            }
            index += 1
        } while depth > 0
    }

    /// `{ … }`: a subquery, or members up to the closing brace.
    mutating func readGroup() throws {
        try expect("{")
        if current?.isKeyword("SELECT") == true {
            while !isAt("{") {
                guard current != nil else { throw Unreadable() }
                if isAt("(") { try skipBracketed() } else { index += 1 }
            }
            try readGroup()
            while !isAt("}") {
                guard current != nil else { throw Unreadable() }
                if isAt("(") || isAt("{") { try skipBracketed() } else { index += 1 }
            }
            index += 1
            return
        }
        while let token = current {
            if token.isPunctuation("}") {
                index += 1
                return
            } else if token.isPunctuation(".") {
                index += 1
            } else if token.isPunctuation("{") {
                try readGroup()
            } else if token.kind == .word, Self.groupKeywords.contains(token.text.uppercased()) {
                try readGroupMember(token.text.uppercased())
            } else {
                try readTriples()
            }
        }
        throw Unreadable()
    }

    mutating func readGroupMember(_ keyword: String) throws {
        index += 1
        switch keyword {
        case "GRAPH":
            index += 1
            try readGroup()
        case "SERVICE":
            if current?.isKeyword("SILENT") == true { index += 1 }
            index += 1
            try readGroup()
        case "FILTER":
            if current?.isKeyword("NOT") == true { index += 1 }
            if current?.isKeyword("EXISTS") == true {
                index += 1
                try readGroup()
            } else {
                if !isAt("(") { index += 1 }  // a function's name
                try skipBracketed()
            }
        case "BIND":
            try skipBracketed()
        case "VALUES":
            while !isAt("{") {
                guard current != nil else { throw Unreadable() }
                if isAt("(") { try skipBracketed() } else { index += 1 }
            }
            try skipBracketed()
        default:  // OPTIONAL, MINUS, UNION
            try readGroup()
        }
    }

    /// One subject and its property list.
    mutating func readTriples() throws {
        if isAt("[") {
            index += 1
            if isAt("]") {
                index += 1
                try readPropertyList()
            } else {
                try readPropertyList()
                try expect("]")
                if startsVerb { try readPropertyList() }
            }
        } else {
            try readNode()
            try readPropertyList()
        }
    }

    var startsVerb: Bool {
        guard let token = current else { return false }
        switch token.kind {
        case .variable, .iri, .prefixedName: return true
        case .word: return token.text == "a"
        case .punctuation: return ["^", "!", "("].contains(token.text)
        default: return false
        }
    }

    /// `verb objects ( ; verb objects )*`, with empty entries between semicolons allowed.
    mutating func readPropertyList() throws {
        repeat {
            try readVerb()
            try readNode()
            while isAt(",") {
                index += 1
                try readNode()
            }
            guard isAt(";") else { return }
            while isAt(";") { index += 1 }
        } while startsVerb
    }

    mutating func readVerb() throws {
        if current?.kind == .variable {
            index += 1
            return
        }
        let start = index
        let path = try readAlternative()
        if index - start == 1, case .link = path { return }  // a single IRI: rasqal reads it
        found.append((tokens[start].range.lowerBound..<tokens[index - 1].range.upperBound, path))
    }

    /// A subject or object: a term, `[ … ]` or a collection `( … )`.
    mutating func readNode() throws {
        guard let token = current else { throw Unreadable() }
        switch token.kind {
        case .variable, .iri, .prefixedName, .blankNode, .number:
            index += 1
        case .string:
            index += 1
            if current?.kind == .word, current?.text.hasPrefix("@") == true {
                index += 1
            } else if isAt("^^") {
                index += 2
            }
        case .word where ["TRUE", "FALSE"].contains(token.text.uppercased()):
            index += 1
        case .punctuation where token.text == "[":
            index += 1
            if !isAt("]") { try readPropertyList() }
            try expect("]")
        case .punctuation where token.text == "(":
            index += 1
            while !isAt(")") { try readNode() }
            index += 1
        case .punctuation where (token.text == "+" || token.text == "-") && index + 1 < tokens.count
                                && tokens[index + 1].kind == .number:
            index += 2
        default:
            throw Unreadable()
        }
    }

    // MARK: Paths (SPARQL 1.1 §19.1, rules 88–96)

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
            let path = try readAlternative()
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
            return namespace + Self.unescaped(token.text[token.text.index(after: colon)...])
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

    /// A local name's `\`-escapes (`\-`, `\.` …) replaced by the characters they stand for.
    static func unescaped(_ local: Substring) -> String {
        var result = "", escaped = false
        for character in local {
            if !escaped && character == "\\" { escaped = true; continue }
            result.append(character)
            escaped = false
        }
        return result
    }
}
