/// Where an `INSERT DATA` or `DELETE DATA` block is cut into operations of its own, so that
/// rasqal 0.9.33 reads it: rasqal reads a block of plain triples or one GRAPH block, and its
/// parser keeps every triple of a block on its stack (10,000 entries: about 4,900 triples).
///
/// A block is cut before each of its parts (a run of triples, a GRAPH block) but the first, and
/// inside a part after every `tripleLimit` triples (at the `.` that ends a subject's triples). A
/// cut is text inserted between two tokens (` } ; INSERT DATA { GRAPH <g> { `), with no line
/// break, so rasqal's messages keep their line numbers; the operations it makes are one again
/// when read (`RasqalUpdateText.mergedWithNext`), blank nodes included.
struct DataBlockSplit {
    /// The triples one operation is given at most (each `;` and `,` counting one more). An
    /// operation takes three stack entries and a triple two: cuts every 1,500 triples let one
    /// request hold about 3.5 million triples.
    static let tripleLimit = 1_500

    /// The texts to insert, each at a scalar offset of the request, in order.
    private(set) var cuts: [(offset: Int, text: String)] = []

    /// - Parameters:
    ///   - body: the tokens between the block's braces.
    ///   - verb: `INSERT` or `DELETE`, as written.
    init(_ tokens: [SPARQLToken], body: Range<Int>, verb: String) {
        for (number, part) in tokens.quadParts(of: body).enumerated() {
            let graph = part.isGraph ? tokens[part.tokens.lowerBound + 1].text : nil
            if number > 0 {
                cut(before: tokens[part.tokens.lowerBound], text: "} ; \(verb) DATA { ")
            }
            let triples = part.isGraph ? (part.tokens.lowerBound + 3)..<(part.tokens.upperBound - 1) : part.tokens
            for start in Self.chunkStarts(of: triples, in: tokens).dropFirst() {
                let reopened = graph.map { "GRAPH \($0) { " } ?? ""
                cut(before: tokens[start], text: (graph == nil ? "" : "} ") + "} ; \(verb) DATA { " + reopened)
            }
        }
    }

    private mutating func cut(before token: SPARQLToken, text: String) {
        cuts.append((token.range.lowerBound, text))
    }

    /// The first token of each run of at most `tripleLimit` triples in `triples`, cut only
    /// after a `.` outside brackets (a subject's triples stay together).
    private static func chunkStarts(of triples: Range<Int>, in tokens: [SPARQLToken]) -> [Int] {
        var starts = [triples.lowerBound], count = 0, position = triples.lowerBound
        while position < triples.upperBound {
            let token = tokens[position]
            position = tokens.indexAfterBracketed(from: position) ?? triples.upperBound
            if token.isPunctuation(";") || token.isPunctuation(",") {
                count += 1
            } else if token.isPunctuation(".") {
                count += 1
                if count >= tripleLimit && position < triples.upperBound {
                    starts.append(position)
                    count = 0
                }
            }
        }
        return starts
    }
}

extension Array where Element == SPARQLToken {
    /// The parts of a DATA block's or a template's `body`, in order: its runs of triples and
    /// its GRAPH blocks (`isGraph`, from `GRAPH` to the closing brace).
    func quadParts(of body: Range<Int>) -> [(tokens: Range<Int>, isGraph: Bool)] {
        var parts: [(tokens: Range<Int>, isGraph: Bool)] = [], start = body.lowerBound, position = body.lowerBound
        func closeRun(before end: Int) {
            while start < end && self[start].isPunctuation(".") { start += 1 }
            if start < end { parts.append((start..<end, false)) }
        }
        while position < body.upperBound {
            if self[position].isKeyword("GRAPH"), position + 2 < count, self[position + 2].isPunctuation("{"),
               let end = indexAfterBracketed(from: position + 2), end <= body.upperBound {
                closeRun(before: position)
                parts.append((position..<end, true))
                (start, position) = (end, end)
            } else {
                position = indexAfterBracketed(from: position) ?? body.upperBound
            }
        }
        closeRun(before: body.upperBound)
        return parts
    }
}
