import Foundation

/// A prologue with BASE after a PREFIX, or with several BASEs, written as rasqal 0.9.33 reads it:
/// one BASE first. SPARQL 1.1 lets BASE and PREFIX come in any order, each relative IRI resolved
/// against the BASE before it; rasqal's grammar wants BASE first and once, and refused the rest
/// as a syntax error. The last BASE (resolved against those before it) moves to the front, and a
/// relative PREFIX IRI after an earlier BASE is resolved against that one. A relative PREFIX IRI
/// before any BASE stands against the query's own base, which moving a BASE would change: such a
/// prologue is left to rasqal.
enum PrologueOrderRewrite: TokenRewrite {
    static func edits(in query: TokenizedQuery) -> TextEdits {
        let tokens = query.tokens
        var edits = TextEdits()
        var base: URL?, declarations: [(prefix: String, iri: String)] = [], index = 0, baseCount = 0, prefixBeforeBase = false
        while index + 1 < tokens.count {
            if tokens[index].isKeyword("BASE"), tokens[index + 1].kind == .iri {
                let iri = String(tokens[index + 1].text.dropFirst().dropLast())
                guard let resolved = resolve(iri, against: base) else { return edits }
                base = resolved
                baseCount += 1
                prefixBeforeBase = prefixBeforeBase || !declarations.isEmpty
                index += 2
            } else if tokens[index].isKeyword("PREFIX"), index + 2 < tokens.count, tokens[index + 1].kind == .prefixedName,
                      tokens[index + 2].kind == .iri {
                let iri = String(tokens[index + 2].text.dropFirst().dropLast())
                guard let absolute = base.map({ resolve(iri, against: $0)?.absoluteString }) ?? (isAbsolute(iri) ? iri : nil)
                else { return edits }
                declarations.append((tokens[index + 1].text, absolute))
                index += 3
            } else {
                break
            }
        }
        guard let base, baseCount > 1 || prefixBeforeBase, index > 0 else { return edits }
        let prologue = (["BASE <\(base.absoluteString)>"] + declarations.map { "PREFIX \($0.prefix) <\($0.iri)>" }).joined(separator: " ")
        edits.replace(0..<index, of: tokens, with: prologue)
        return edits
    }

    private static func isAbsolute(_ iri: String) -> Bool {
        guard let colon = iri.firstIndex(of: ":"), colon > iri.startIndex else { return false }
        return iri[..<colon].allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    private static func resolve(_ iri: String, against base: URL?) -> URL? {
        guard let base else { return isAbsolute(iri) ? URL(string: iri) : nil }
        return URL(string: iri, relativeTo: base)?.absoluteURL
    }
}
