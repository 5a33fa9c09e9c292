/// An update request's text as rasqal 0.9.33 is to parse it, and what was cut out of it.
///
/// The WHERE clauses of DELETE/INSERT operations are cut out: rasqal's update grammar reads less
/// of a WHERE clause than a query's (no EXISTS, MINUS after OPTIONAL, property paths) and no
/// USING at all, and its writer, which gave the pattern back as text, lost BIND, MINUS,
/// subqueries, casts and more. So each clause is kept as written, with the declarations in effect
/// where it stands, its USING clauses as FROM and FROM NAMED and its WITH graph, for the store's
/// query engine; rasqal is given `{}` in its place and no USING or WITH (with their line breaks,
/// so its messages keep their line numbers), and reads the rest: the operations, their templates
/// and graphs.
///
/// The forms rasqal reads wrongly or not at all are given to it in others that mean the same:
/// - `DELETE { … } INSERT { … } WHERE` exists in its grammar only after WITH: it is given
///   `DELETE { … } WHERE {} ; INSERT { … } WHERE {}`, and the two operations it reads are made one
///   again (`mergedWithNext`), with the one WHERE clause.
/// - `INSERT DATA` and `DELETE DATA` it reads over plain triples or one GRAPH block, of at most
///   about 4,900 triples: a block is given as an operation per part and per 1,500 triples, made
///   one again (`DataBlockSplit`).
/// - `WITH <g>` it puts on every template, over the template's own GRAPH: it is given the
///   templates' parts outside GRAPH as `GRAPH <g> { … }`.
/// - `DELETE WHERE { P }` it flattens only when P is plain triples: it is given `DELETE { P }
///   WHERE { P }`.
/// - `DROP DEFAULT|NAMED|ALL` make it stop reading, silently: they are given as CLEAR, which does
///   the same in this store (it keeps no empty graphs).
/// - `ADD`, `COPY` and `MOVE` it reads without the optional GRAPH before their graphs: that is
///   left out.
struct RasqalUpdateText {
    /// The update as rasqal is to parse it.
    let text: String
    /// The clauses in the order written, one per operation rasqal gives a WHERE pattern.
    let clauses: [WhereClause]
    /// The operations (numbered as rasqal reads them) that are one with the operation after them,
    /// split for rasqal.
    let mergedWithNext: Set<Int>
    /// Whether it has `INSERT FROM <g> WHERE …` or `DELETE FROM …`: rasqal's LAQRS forms, not
    /// SPARQL 1.1, which rasqal reads as no operation at all.
    let usesLAQRSForm: Bool

    /// - Parameter baseIRI: the request's base, which a clause's relative IRIs are resolved against
    ///   where the text declares none.
    init(_ update: String, baseIRI: String?) {
        let scalars = Array(update.unicodeScalars)
        guard let tokens = SPARQLToken.tokens(of: scalars) else {
            (text, clauses, mergedWithNext, usesLAQRSForm) = (update, [], [], false)  // rasqal reports what it cannot read
            return
        }
        var walk = Walk(tokens: tokens, scalars: scalars, declarations: baseIRI.map { ["BASE <\($0)>"] } ?? [])
        walk.read()
        text = walk.edits.isEmpty ? update : walk.edits.applied(to: scalars)
        (clauses, mergedWithNext, usesLAQRSForm) = (walk.clauses, walk.mergedWithNext, walk.usesLAQRSForm)
    }

    /// Reads the request's operations at the top level (outside braces), one keyword at a time.
    private struct Walk {
        let tokens: [SPARQLToken]
        let scalars: [Unicode.Scalar]
        var declarations: [String]
        var edits = TextEdits()
        var clauses: [WhereClause] = [], mergedWithNext = Set<Int>()
        var index = 0
        /// The operation being read, as rasqal numbers them.
        var operation = 0
        /// What it has said so far; whether it is the INSERT half of a split DELETE … INSERT.
        var using: [String] = [], withGraph: String?, insertHalf = false
        var usesLAQRSForm = false

        mutating func read() {
            while index < tokens.count {
                let token = tokens[index]
                if token.isKeyword("PREFIX") || token.isKeyword("BASE") {
                    let end = min(index + (token.isKeyword("PREFIX") ? 3 : 2), tokens.count)
                    declarations.append(tokens.source(index..<end, in: scalars))
                    index = end
                } else if token.isKeyword("WITH"), index + 2 < tokens.count,
                          tokens[index + 2].isKeyword("DELETE") || tokens[index + 2].isKeyword("INSERT"), opensGroup(at: index + 3) {
                    withGraph = tokens[index + 1].text
                    cut(index..<(index + 2))
                } else if token.isKeyword("USING"), index + 1 < tokens.count {
                    // `USING <g>` is `FROM <g>`, `USING NAMED <g>` is `FROM NAMED <g>`.
                    let end = min(index + (tokens[index + 1].isKeyword("NAMED") ? 3 : 2), tokens.count)
                    using.append("FROM " + tokens.source((index + 1)..<end, in: scalars))
                    cut(index..<end)
                } else if token.isKeyword("DELETE") || token.isKeyword("INSERT"), opensGroup(at: index + 1) {
                    readTemplate(deleting: token.isKeyword("DELETE"))
                } else if token.isKeyword("DELETE") || token.isKeyword("INSERT"), index + 1 < tokens.count,
                          tokens[index + 1].isKeyword("DATA"), opensGroup(at: index + 2) {
                    readData(token.text)
                } else if token.isKeyword("DELETE") || token.isKeyword("INSERT"), index + 1 < tokens.count,
                          tokens[index + 1].isKeyword("FROM") {
                    usesLAQRSForm = true
                    index += 1
                } else if token.isKeyword("DROP"), let kind = tokens[(index + 1)...].first(where: { !$0.isKeyword("SILENT") }),
                          kind.isKeyword("DEFAULT") || kind.isKeyword("NAMED") || kind.isKeyword("ALL") {
                    edits.replace(index..<(index + 1), of: tokens, with: "CLEAR")
                    index += 1
                } else if token.isKeyword("ADD") || token.isKeyword("COPY") || token.isKeyword("MOVE") {
                    readTransfer()
                } else if token.isPunctuation(";") {
                    operation += 1
                    index += 1
                } else if token.isKeyword("DELETE"), index + 1 < tokens.count, tokens[index + 1].isKeyword("WHERE"), opensGroup(at: index + 2),
                          let end = tokens.indexAfterBracketed(from: index + 2) {
                    // DELETE WHERE { P }: DELETE { P } WHERE { P }.
                    edits.replace((index + 1)..<(index + 2), of: tokens, with: tokens.source((index + 2)..<end, in: scalars) + " WHERE")
                    index += 1
                } else if token.isKeyword("WHERE"), opensGroup(at: index + 1), let end = tokens.indexAfterBracketed(from: index + 1) {
                    readWhereClause(index + 1..<end)
                } else if token.opensBracket, let end = tokens.indexAfterBracketed(from: index) {
                    index = end  // DATA blocks, and whatever rasqal is left to read
                } else {
                    index += 1
                }
            }
        }

        func opensGroup(at index: Int) -> Bool { index < tokens.count && tokens[index].isPunctuation("{") }

        /// Removes the tokens of `range` from rasqal's text and moves past them.
        mutating func cut(_ range: Range<Int>) {
            edits.replace(range, of: tokens, with: "")
            index = range.upperBound
        }

        /// `DELETE { … }` or `INSERT { … }` at `index`: under WITH, its parts outside GRAPH put in
        /// `GRAPH <g> { … }`; a DELETE template followed by INSERT ended as an operation of its own.
        mutating func readTemplate(deleting: Bool) {
            guard let end = tokens.indexAfterBracketed(from: index + 1) else {
                index += 1
                return
            }
            if let withGraph { putInGraph(withGraph, partsOf: (index + 2)..<(end - 1)) }
            if deleting, end < tokens.count, tokens[end].isKeyword("INSERT") {
                let close = tokens[end - 1].range.upperBound
                edits.replace(close..<close, with: " WHERE {} ;")
                mergedWithNext.insert(operation)
                operation += 1
                insertHalf = true
            }
            index = end
        }

        /// `ADD`, `COPY` or `MOVE` at `index`: `[SILENT] [GRAPH] from TO [GRAPH] to`, without the GRAPHs.
        mutating func readTransfer() {
            index += 1
            if index < tokens.count, tokens[index].isKeyword("SILENT") { index += 1 }
            for side in 0..<2 {
                if index < tokens.count, tokens[index].isKeyword("GRAPH") {
                    edits.replace(index..<(index + 1), of: tokens, with: "")
                    index += 1
                }
                index += side == 0 ? 2 : 1  // past the graph (and TO)
            }
        }

        /// `INSERT DATA { … }` or `DELETE DATA { … }` at `index`: cut into operations that rasqal
        /// reads (`DataBlockSplit`).
        mutating func readData(_ verb: String) {
            guard let end = tokens.indexAfterBracketed(from: index + 2) else {
                index += 1
                return
            }
            let split = DataBlockSplit(tokens, body: (index + 3)..<(end - 1), verb: verb)
            for cut in split.cuts {
                edits.replace(cut.offset..<cut.offset, with: cut.text)
            }
            mergedWithNext.formUnion(operation..<(operation + split.cuts.count))
            operation += split.cuts.count
            index = end
        }

        /// Puts each run of triples of a template's `body` (between its GRAPH blocks) in `GRAPH graph { … }`.
        mutating func putInGraph(_ graph: String, partsOf body: Range<Int>) {
            for part in tokens.quadParts(of: body) where !part.isGraph {
                edits.replace(part.tokens, of: tokens, with: "GRAPH \(graph) { \(tokens.source(part.tokens, in: scalars)) }")
            }
        }

        /// The WHERE clause `group` of the operation read: kept, and `{}` in rasqal's text; the
        /// operation ends.
        mutating func readWhereClause(_ group: Range<Int>) {
            let line = scalars[..<tokens[group.lowerBound].range.lowerBound].count { $0 == "\n" } + 1
            let clause = WhereClause(prologue: declarations.joined(separator: "\n"), dataset: using.joined(separator: " "),
                                     withGraph: withGraph, pattern: tokens.source(group, in: scalars), line: line)
            // The DELETE half of a split operation reads it too.
            clauses += insertHalf ? [clause, clause] : [clause]
            edits.replace(group, of: tokens, with: "{}")
            (using, withGraph, insertHalf, index) = ([], nil, false, group.upperBound)
        }
    }
}
