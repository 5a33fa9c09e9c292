import EntityLinking
import Foundation

extension NIFDocument {
    /// The post as one line of JSON for web apps, keys in this order:
    ///
    ///     {"id", "text", "graph", "context", "mentions": [{"begin", "end", "utf16Begin", "utf16End",
    ///      "text", "type", "class", "entity", "entityClasses", "confidence", "recognitionConfidence",
    ///      "linkingConfidence"}]}
    ///
    /// `begin`/`end` count Unicode scalars as the RDF does (Python `str` indices); `utf16Begin`/
    /// `utf16End` count UTF-16 code units, JavaScript's `String` indices (and GERBIL's). `class` is
    /// the NER type's DBpedia class, `entity` the linked IRI or null (NIL), `confidence` the
    /// `itsrdf:taConfidence`, `linkingConfidence` null for NIL.
    public static func json(_ post: AnnotatedPost) -> String {
        let utf16Offsets = utf16Offsets(of: post.text), scalars = Array(post.text.unicodeScalars)
        let mentions = post.mentions.map { linked in
            let mention = linked.mention
            var anchor = ""
            anchor.unicodeScalars.append(contentsOf: scalars[mention.begin..<mention.end])
            let members = [
                "\"begin\":\(mention.begin)", "\"end\":\(mention.end)",
                "\"utf16Begin\":\(utf16Offsets[mention.begin])", "\"utf16End\":\(utf16Offsets[mention.end])",
                "\"text\":" + quoted(anchor), "\"type\":" + quoted(mention.type),
                "\"class\":" + (AnnotationVocabulary.classOfType[mention.type].map(quoted) ?? "null"),
                "\"entity\":" + (linked.entity.map(quoted) ?? "null"),
                "\"entityClasses\":[" + linked.entityClasses.map(quoted).joined(separator: ",") + "]",
                "\"confidence\":" + number(confidence(of: linked)),
                "\"recognitionConfidence\":" + number(mention.confidence),
                "\"linkingConfidence\":" + (linked.linkingConfidence.map(number) ?? "null"),
            ]
            return "{" + members.joined(separator: ",") + "}"
        }
        return "{\"id\":" + quoted(post.documentID) + ",\"text\":" + quoted(post.text)
            + ",\"graph\":" + quoted(graphIRI(documentID: post.documentID)) + ",\"context\":" + quoted(contextIRI(post))
            + ",\"mentions\":[" + mentions.joined(separator: ",") + "]}"
    }

    /// For each scalar offset 0...n of `text`, the UTF-16 offset of the same place.
    static func utf16Offsets(of text: String) -> [Int] {
        var offsets = [0]
        offsets.reserveCapacity(text.unicodeScalars.count + 1)
        for scalar in text.unicodeScalars { offsets.append(offsets[offsets.count - 1] + UTF16.width(scalar)) }
        return offsets
    }

    /// A JSON string literal (Foundation's escaping: quotes, backslashes, control characters).
    private static func quoted(_ string: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Encoding a String cannot fail.
        return String(decoding: try! encoder.encode(string), as: UTF8.self)
    }

    /// A JSON number, or null for NaN and infinities, which JSON cannot spell.
    private static func number(_ value: Float) -> String {
        value.isFinite ? "\(value)" : "null"
    }
}
