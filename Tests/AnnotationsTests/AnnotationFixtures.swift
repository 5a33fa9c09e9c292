import Annotations
import EntityLinking
import Foundation

/// Hand-made posts for the Annotations tests.
enum AnnotationFixtures {
    static let provenance = Provenance(recognitionModel: "https://w3id.org/coattkg/model/ner/tiny",
                                       knowledgeModel: "https://w3id.org/coattkg/model/codex-s-transe",
                                       startedAt: Date(timeIntervalSince1970: 1_764_124_200))  // 2025-11-26T02:30:00Z

    /// "🎉 Messi à Paris": an emoji (1 scalar, 2 UTF-16 units) before a linked mention, and a NIL one.
    static let messi = AnnotatedPost(
        documentID: "tweet/42", text: "🎉 Messi à Paris", imageIRI: "file:///data/42.jpg",
        mentions: [
            LinkedMention(mention: Mention(text: "Messi", type: "PER", begin: 2, end: 7, confidence: 0.75),
                          entity: "http://dbpedia.org/resource/Lionel_Messi", linkingConfidence: 0.5,
                          entityClasses: ["http://dbpedia.org/ontology/Athlete", "http://dbpedia.org/ontology/Person"]),
            LinkedMention(mention: Mention(text: "Paris", type: "LOC", begin: 10, end: 15, confidence: 0.25),
                          entity: nil, linkingConfidence: nil, entityClasses: []),
        ],
        provenance: provenance)

    /// A post of `text` whose mentions are the given spans (type OTHER, NIL).
    static func post(_ text: String, spans: [Range<Int>]) -> AnnotatedPost {
        let scalars = Array(text.unicodeScalars)
        let mentions = spans.map { span in
            var surface = ""
            surface.unicodeScalars.append(contentsOf: scalars[span])
            return LinkedMention(mention: Mention(text: surface, type: "OTHER", begin: span.lowerBound, end: span.upperBound, confidence: 1),
                                 entity: nil, linkingConfidence: nil, entityClasses: [])
        }
        return AnnotatedPost(documentID: "p", text: text, imageIRI: nil, mentions: mentions, provenance: provenance)
    }
}
