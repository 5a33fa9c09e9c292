import EntityLinking
import Foundation

/// One post with its recognised and linked mentions, ready to be written as RDF (``NIFDocument``).
///
/// Offsets of the mentions (``Mention/begin``, ``Mention/end``) count Unicode scalars (code
/// points) of `text`, as SPARQL's STRLEN and SUBSTR do and as NIF 2.0 / RFC 5147 count characters.
/// Java and JavaScript (GERBIL, browsers) count UTF-16 code units instead: the two differ after
/// any character outside the Basic Multilingual Plane, such as most emoji.
public struct AnnotatedPost: Sendable {
    /// The caller's id of the post; it names the post's IRI and named graph (``NIFDocument/graphIRI(documentID:)``).
    public let documentID: String
    /// The post's text, as the mentions' offsets count it.
    public let text: String
    /// The IRI of the post's image (a `file:` or `http(s):` IRI), if it has one.
    public let imageIRI: String?
    /// The mentions, in any order; each lies within `text`.
    public let mentions: [LinkedMention]
    /// Which models made the mentions, and when.
    public let provenance: Provenance

    /// - Precondition: every mention satisfies `0 <= begin <= end <= ` the number of scalars of `text`.
    public init(documentID: String, text: String, imageIRI: String?, mentions: [LinkedMention], provenance: Provenance) {
        let length = text.unicodeScalars.count
        for linked in mentions {
            precondition(0 <= linked.mention.begin && linked.mention.begin <= linked.mention.end && linked.mention.end <= length,
                         "AnnotatedPost: mention \(linked.mention.begin)..<\(linked.mention.end) outside a text of \(length) scalars")
        }
        (self.documentID, self.text, self.imageIRI, self.mentions, self.provenance) = (documentID, text, imageIRI, mentions, provenance)
    }
}

/// The PROV-O provenance of a post's mentions: the recognition run that made them.
public struct Provenance: Sendable, Equatable {
    /// The IRI of the NER model (a `coatt:NERModel`) that recognised the mentions.
    public let recognitionModel: String
    /// The IRI of the KG embedding model the linker used (a registered `coatt:KGEmbeddingModel`), if any.
    public let knowledgeModel: String?
    /// When the recognition run started (`prov:startedAtTime`).
    public let startedAt: Date

    public init(recognitionModel: String, knowledgeModel: String?, startedAt: Date) {
        (self.recognitionModel, self.knowledgeModel, self.startedAt) = (recognitionModel, knowledgeModel, startedAt)
    }
}
