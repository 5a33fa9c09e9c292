import EntityLinking
import Foundation
import RDFModel

/// A post as NIF 2.0 / ITS 2.0 RDF in its own named graph, the shape Ontologies/coattkg.ttl's
/// header shows and the GERBIL benchmark reads:
///
///     <post/ID#char=0,29> a nif:Context, nif:RFC5147String, coatt:Post ; nif:isString "…" ;
///         nif:beginIndex 0 ; nif:endIndex 29 ; dcterms:identifier "ID" ; coatt:image <…> .
///     <post/ID#char=11,16> a nif:Phrase, nif:RFC5147String, coatt:PredictedMention ;
///         nif:referenceContext <post/ID#char=0,29> ; nif:anchorOf "Messi" ;
///         nif:beginIndex 11 ; nif:endIndex 16 ; coatt:nerType coatt:PER ;
///         itsrdf:taClassRef dbo:Person, dbo:Athlete … ; itsrdf:taIdentRef dbr:Lionel_Messi ;
///         coatt:recognitionConfidence 0.97 ; coatt:linkingConfidence 0.81 ; itsrdf:taConfidence 0.7857 ;
///         prov:wasGeneratedBy <post/ID#run> .
///     <post/ID#run> a coatt:RecognitionRun, prov:Activity ; prov:used <NER model>, <KG model> ; prov:startedAtTime "…" .
///
/// Offsets (`xsd:nonNegativeInteger`, as NIF 2.0 types them) count Unicode scalars of the text, so
/// `SUBSTR(?text, ?begin + 1, ?end - ?begin) = ?anchor` in SPARQL; GERBIL, written in Java, counts
/// UTF-16 code units, which differ after a character outside the BMP (e.g. an emoji). A NIL
/// mention has no `itsrdf:taIdentRef` and no linking confidence, and keeps its type's class.
public enum NIFDocument {
    /// The named graph IRI of a document id: `https://w3id.org/coattkg/graph/post/<id>`, the id
    /// percent-encoded (``iriSegment(_:)``), so the same id always names the same graph.
    public static func graphIRI(documentID: String) -> String {
        AnnotationVocabulary.postGraphBase + iriSegment(documentID)
    }

    /// The post's IRI, `https://w3id.org/coattkg/post/<id>`, to which `#char=b,e` fragments are added.
    public static func documentIRI(documentID: String) -> String {
        AnnotationVocabulary.postBase + iriSegment(documentID)
    }

    /// The IRI of the post's `nif:Context`: the post IRI with `#char=0,<length in scalars>`.
    public static func contextIRI(_ post: AnnotatedPost) -> String {
        documentIRI(documentID: post.documentID) + "#char=0,\(post.text.unicodeScalars.count)"
    }

    /// Every quad of the post's graph (``graphIRI(documentID:)``): the context, one phrase per
    /// mention, and the recognition run.
    public static func quads(_ post: AnnotatedPost) -> [Quad] {
        let v = AnnotationVocabulary.self
        let graph = RDFTerm.iri(graphIRI(documentID: post.documentID))
        let document = documentIRI(documentID: post.documentID)
        let scalars = Array(post.text.unicodeScalars)
        let context = RDFTerm.iri(document + "#char=0,\(scalars.count)"), run = RDFTerm.iri(document + "#run")
        var quads: [Quad] = []
        func add(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
            quads.append(Quad(subject, .iri(predicate), object, graph: graph))
        }
        func type(_ subject: RDFTerm, _ classes: String...) {
            for name in classes { add(subject, Vocabulary.rdfType, .iri(name)) }
        }

        type(context, v.nif + "Context", v.nif + "RFC5147String", v.coatt + "Post")
        add(context, v.nif + "isString", .literal(post.text))
        add(context, v.nif + "beginIndex", index(0))
        add(context, v.nif + "endIndex", index(scalars.count))
        add(context, v.dcterms + "identifier", .literal(post.documentID))
        if let image = post.imageIRI {
            add(context, v.coatt + "image", .iri(image))
            type(.iri(image), v.foaf + "Image")
        }

        for linked in post.mentions {
            let mention = linked.mention
            let phrase = RDFTerm.iri(document + "#char=\(mention.begin),\(mention.end)")
            type(phrase, v.nif + "Phrase", v.nif + "RFC5147String", v.coatt + "PredictedMention")
            add(phrase, v.nif + "referenceContext", context)
            // The anchor is cut from the text itself, so it always agrees with the offsets.
            var anchor = ""
            anchor.unicodeScalars.append(contentsOf: scalars[mention.begin..<mention.end])
            add(phrase, v.nif + "anchorOf", .literal(anchor))
            add(phrase, v.nif + "beginIndex", index(mention.begin))
            add(phrase, v.nif + "endIndex", index(mention.end))
            if let entityType = v.entityType(mention.type) { add(phrase, v.coatt + "nerType", .iri(entityType)) }
            for name in classes(of: linked) { add(phrase, v.itsrdf + "taClassRef", .iri(name)) }
            if let entity = linked.entity { add(phrase, v.itsrdf + "taIdentRef", .iri(entity)) }
            add(phrase, v.coatt + "recognitionConfidence", double(mention.confidence))
            if let linking = linked.linkingConfidence { add(phrase, v.coatt + "linkingConfidence", double(linking)) }
            add(phrase, v.itsrdf + "taConfidence", double(confidence(of: linked)))
            add(phrase, v.prov + "wasGeneratedBy", run)
        }

        // prov:Activity too: GERBIL finds runs by that type alone (it infers nothing from coatt:RecognitionRun).
        type(run, v.coatt + "RecognitionRun", v.prov + "Activity")
        add(run, v.prov + "used", .iri(post.provenance.recognitionModel))
        type(.iri(post.provenance.recognitionModel), v.coatt + "NERModel")
        if let knowledge = post.provenance.knowledgeModel { add(run, v.prov + "used", .iri(knowledge)) }
        add(run, v.prov + "startedAtTime", .literal(post.provenance.startedAt.formatted(.iso8601), datatype: v.xsd + "dateTime"))
        return quads
    }

    /// The `itsrdf:taClassRef`s of a mention: its NER type's DBpedia class, then the linked
    /// entity's classes (without repeating the type's).
    static func classes(of linked: LinkedMention) -> [String] {
        let typeClass = AnnotationVocabulary.classOfType[linked.mention.type]
        return (typeClass.map { [$0] } ?? []) + linked.entityClasses.filter { $0 != typeClass }
    }

    /// The mention's `itsrdf:taConfidence`, the one confidence GERBIL and other ITS readers see
    /// (they do not infer it from the coatt: sub-properties): the probability that span, type and
    /// link are all right, recognition × linking confidence; the recognition confidence alone for NIL.
    static func confidence(of linked: LinkedMention) -> Float {
        linked.mention.confidence * (linked.linkingConfidence ?? 1)
    }

    /// `id` as one IRI path segment: its UTF-8 bytes, unreserved characters (RFC 3986) kept and
    /// all others percent-encoded, dots too when the id is only dots (`.` and `..` are path steps).
    public static func iriSegment(_ id: String) -> String {
        let onlyDots = !id.isEmpty && id.allSatisfy { $0 == "." }
        var segment = ""
        for byte in id.utf8 {
            let unreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x5F || byte == 0x7E || (byte == 0x2E && !onlyDots)
            if unreserved {
                segment.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                segment += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return segment
    }

    private static func index(_ value: Int) -> RDFTerm {
        .literal(String(value), datatype: AnnotationVocabulary.xsd + "nonNegativeInteger")
    }

    private static func double(_ value: Float) -> RDFTerm {
        .literal(doubleLexical(value), datatype: AnnotationVocabulary.xsd + "double")
    }

    /// The canonical xsd:double spelling (`3.75E-1`) of the shortest decimal that reads back as
    /// `value`. Always with an exponent: raptor's Turtle writer prints double literals bare, and a
    /// bare `0.375` would read back as an xsd:decimal.
    static func doubleLexical(_ value: Float) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        var text = "\(value.magnitude)", exponent = 0  // e.g. "0.375", "12.5", "1e-05"
        if let e = text.firstIndex(of: "e") {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(parts[0] + (parts.count > 1 ? parts[1] : ""))
        exponent += parts[0].count - 1
        while digits.first == "0" { digits.removeFirst(); exponent -= 1 }
        while digits.last == "0" { digits.removeLast() }
        guard let first = digits.first else { return value.sign == .minus ? "-0.0E0" : "0.0E0" }
        let rest = digits.count > 1 ? String(digits.dropFirst()) : "0"
        return (value.sign == .minus ? "-" : "") + "\(first).\(rest)E\(exponent)"
    }
}
