/// A query put in terms rasqal 0.9.33 can parse and run: each property path replaced by a
/// placeholder predicate, each `FILTER [NOT] EXISTS` and MINUS by a placeholder triple; the
/// placeholders name what they stand for (`PropertyPath`, `PatternCheck`), which the triples
/// source answers.
///
/// A path is replaced where it stands, followed by as many line breaks as it spanned, and an
/// erased filter leaves its line breaks, so that rasqal's error messages keep their line numbers.
struct QueryRewrite {
    /// The start of every path placeholder IRI; a number follows.
    static let pathPrefix = "urn:x-coatt:property-path:"
    /// The start of every check placeholder IRI; a number follows.
    static let checkPrefix = "urn:x-coatt:pattern-check:"

    /// The query as rasqal is given it.
    let text: String
    let placeholders: Placeholders

    /// nil when the query has nothing to replace, or when its patterns cannot be read or hold
    /// EXISTS or MINUS where a placeholder would not see the solution: rasqal then parses the text
    /// as written and reports what it cannot read. Throws `UnsupportedQuery` for an EXISTS the
    /// store reads but cannot answer right (`PatternReader.Refused`).
    init?(_ query: String, baseIRI: String?) throws {
        guard Self.mightApply(to: query) else { return nil }
        let scalars = Array(query.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else { return nil }
        var reader = PatternReader(tokens: tokens, scalars: scalars, base: baseIRI)
        do {
            try reader.readQuery()
        } catch let refused as PatternReader.Refused {
            throw UnsupportedQuery(description: refused.reason)
        } catch {
            return nil
        }
        guard !reader.edits.isEmpty else { return nil }

        var text = String.UnicodeScalarView(), paths: [String: PropertyPath] = [:], checks: [String: PatternCheck] = [:]
        var copied = 0
        // The last scalar of the last token written (comments and white space do not count).
        var lastWritten: Unicode.Scalar?
        // Stable by position: an edit inside an erased or replaced range (a path in an EXISTS
        // pattern) goes with it; the pattern is rewritten again when it is asked.
        for (range, edit) in reader.edits.enumerated().sorted(by: { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) })
            .map(\.element) where range.lowerBound >= copied {
            text.append(contentsOf: scalars[copied..<range.lowerBound])
            if let token = tokens.last(where: { $0.range.upperBound <= range.lowerBound && $0.range.lowerBound >= copied }) {
                lastWritten = scalars[token.range.upperBound - 1]
            }
            let lineBreaks = scalars[range].filter { $0 == "\n" }
            switch edit {
            case .path(let path):
                let placeholder = Self.pathPrefix + String(paths.count)
                paths[placeholder] = path
                text.append(contentsOf: "<\(placeholder)>".unicodeScalars)
            case .check(let check, let anchor):
                // A triple pattern of its own, parted by a `.` from a triple or group before it.
                let placeholder = "<\(Self.checkPrefix)\(checks.count)>"
                checks[String(placeholder.dropFirst().dropLast())] = check
                let object = anchor.map { "?" + $0 } ?? placeholder
                let separated = lastWritten.map { $0 != "." && $0 != "{" } ?? false
                text.append(contentsOf: "\(separated ? " . " : " ")\(placeholder) \(placeholder) \(object) ".unicodeScalars)
            case .insert(let inserted):
                text.append(contentsOf: inserted.unicodeScalars)
            case .erase:
                // What was erased may have separated two triple patterns (`?a :p ?b FILTER(…) ?b
                // :q ?c`): a `.` keeps them apart, where one is not there already.
                let next = tokens.first { $0.range.lowerBound >= range.upperBound }
                let separates = (lastWritten.map { $0 != "." && $0 != "{" } ?? false) && next?.isPunctuation(".") != true
                text.append(contentsOf: (separates ? " . " : " ").unicodeScalars)
                if separates { lastWritten = "." }
            }
            if case .erase = edit {} else { lastWritten = text.last { !$0.properties.isWhitespace } }
            text.append(contentsOf: lineBreaks)
            copied = range.upperBound
        }
        text.append(contentsOf: scalars[copied...])
        self.text = String(text)
        placeholders = Placeholders(paths: paths, checks: checks)
    }
}

extension QueryRewrite {
    /// `query` with the property paths the store read before it found the query unreadable put
    /// as placeholder IRIs: given that, rasqal reports the syntax error further on, not the first
    /// path (which it cannot read). nil when the query is readable or no path came before.
    static func pathsReadBeforeFailing(in query: String, baseIRI: String?) -> String? {
        guard let tokenized = TokenizedQuery(query) else { return nil }
        var reader = PatternReader(tokens: tokenized.tokens, scalars: tokenized.scalars, base: baseIRI)
        guard (try? reader.readQuery()) == nil else { return nil }
        var edits = TextEdits()
        for (number, (range, edit)) in reader.edits.enumerated() {
            if case .path = edit { edits.replace(range, with: "<\(pathPrefix)\(number)>") }
        }
        return edits.isEmpty ? nil : edits.applied(to: tokenized.scalars)
    }
}

/// What the placeholders of a rewritten query stand for, by placeholder IRI.
struct Placeholders {
    var paths: [String: PropertyPath] = [:]
    var checks: [String: PatternCheck] = [:]

    var isEmpty: Bool { paths.isEmpty && checks.isEmpty }
}
