@testable import Annotations
import Foundation
import RDFModel
import XCTest

/// The exact RDF of hand-made posts: NIF context and phrases, ITS links and classes, PROV-O.
final class NIFDocumentTests: XCTestCase {
    func testQuadsOfALinkedAndANILMentionAfterAnEmoji() {
        let graph = "<https://w3id.org/coattkg/graph/post/tweet%2F42>"
        let post = "https://w3id.org/coattkg/post/tweet%2F42"
        let (ctx, messi, paris, run) = ("<\(post)#char=0,15>", "<\(post)#char=2,7>", "<\(post)#char=10,15>", "<\(post)#run>")
        let nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", its = "http://www.w3.org/2005/11/its/rdf#"
        let coatt = "https://w3id.org/coattkg/ns#", prov = "http://www.w3.org/ns/prov#", xsd = "http://www.w3.org/2001/XMLSchema#"
        let a = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", dbo = "http://dbpedia.org/ontology/"
        func n(_ value: Int) -> String { "\"\(value)\"^^<\(xsd)nonNegativeInteger>" }
        func d(_ value: String) -> String { "\"\(value)\"^^<\(xsd)double>" }
        let expected = [
            "\(ctx) \(a) <\(nif)Context>", "\(ctx) \(a) <\(nif)RFC5147String>", "\(ctx) \(a) <\(coatt)Post>",
            "\(ctx) <\(nif)isString> \"🎉 Messi à Paris\"", "\(ctx) <\(nif)beginIndex> \(n(0))", "\(ctx) <\(nif)endIndex> \(n(15))",
            "\(ctx) <http://purl.org/dc/terms/identifier> \"tweet/42\"",
            "\(ctx) <\(coatt)image> <file:///data/42.jpg>", "<file:///data/42.jpg> \(a) <http://xmlns.com/foaf/0.1/Image>",

            "\(messi) \(a) <\(nif)Phrase>", "\(messi) \(a) <\(nif)RFC5147String>", "\(messi) \(a) <\(coatt)PredictedMention>",
            "\(messi) <\(nif)referenceContext> \(ctx)", "\(messi) <\(nif)anchorOf> \"Messi\"",
            "\(messi) <\(nif)beginIndex> \(n(2))", "\(messi) <\(nif)endIndex> \(n(7))", "\(messi) <\(coatt)nerType> <\(coatt)PER>",
            "\(messi) <\(its)taClassRef> <\(dbo)Person>", "\(messi) <\(its)taClassRef> <\(dbo)Athlete>",
            "\(messi) <\(its)taIdentRef> <http://dbpedia.org/resource/Lionel_Messi>",
            "\(messi) <\(coatt)recognitionConfidence> \(d("7.5E-1"))", "\(messi) <\(coatt)linkingConfidence> \(d("5.0E-1"))",
            "\(messi) <\(its)taConfidence> \(d("3.75E-1"))", "\(messi) <\(prov)wasGeneratedBy> \(run)",

            "\(paris) \(a) <\(nif)Phrase>", "\(paris) \(a) <\(nif)RFC5147String>", "\(paris) \(a) <\(coatt)PredictedMention>",
            "\(paris) <\(nif)referenceContext> \(ctx)", "\(paris) <\(nif)anchorOf> \"Paris\"",
            "\(paris) <\(nif)beginIndex> \(n(10))", "\(paris) <\(nif)endIndex> \(n(15))", "\(paris) <\(coatt)nerType> <\(coatt)LOC>",
            "\(paris) <\(its)taClassRef> <\(dbo)Place>", "\(paris) <\(coatt)recognitionConfidence> \(d("2.5E-1"))",
            "\(paris) <\(its)taConfidence> \(d("2.5E-1"))", "\(paris) <\(prov)wasGeneratedBy> \(run)",

            "\(run) \(a) <\(coatt)RecognitionRun>", "\(run) \(a) <\(prov)Activity>",
            "\(run) <\(prov)used> <https://w3id.org/coattkg/model/ner/tiny>",
            "<https://w3id.org/coattkg/model/ner/tiny> \(a) <\(coatt)NERModel>",
            "\(run) <\(prov)used> <https://w3id.org/coattkg/model/codex-s-transe>",
            "\(run) <\(prov)startedAtTime> \"2025-11-26T02:30:00Z\"^^<\(xsd)dateTime>",
        ].map { "\($0) \(graph) ." }
        let quads = NIFDocument.quads(AnnotationFixtures.messi)
        XCTAssertEqual(quads.count, expected.count, "no quad twice")
        XCTAssertEqual(Set(quads.map(\.nquads)), Set(expected))
    }

    func testEmptyPostIsAContextWithoutPhrases() {
        let quads = NIFDocument.quads(AnnotationFixtures.post("", spans: []))
        let context = RDFTerm.iri("https://w3id.org/coattkg/post/p#char=0,0")
        XCTAssertTrue(quads.contains { $0.subject == context && $0.predicate.value.hasSuffix("#isString") && $0.object == .literal("") })
        XCTAssertFalse(quads.contains { $0.predicate.value.hasSuffix("#referenceContext") })
    }

    /// Emoji (astral and with a variation selector), decomposed accents and right-to-left text:
    /// each anchor is SPARQL's SUBSTR(text, begin + 1, end - begin) of the context's string.
    func testOffsetsStayExactAroundEmojiCombiningMarksAndRightToLeftText() {
        let text = "❤️ Zoe\u{0308} 👩‍👩‍👧 שלום עליכם في القاهرة e\u{301}te\u{301}"
        let words = PostTextWords(text)
        let post = AnnotationFixtures.post(text, spans: words)
        let scalars = Array(text.unicodeScalars)
        let anchors = NIFDocument.quads(post).filter { $0.predicate.value.hasSuffix("#anchorOf") }
        XCTAssertEqual(anchors.count, words.count)
        for quad in anchors {
            let fragment = quad.subject.value.split(separator: "#char=").last!.split(separator: ",").map { Int($0)! }
            var expected = ""
            expected.unicodeScalars.append(contentsOf: scalars[fragment[0]..<fragment[1]])
            XCTAssertEqual(quad.object, .literal(expected))
        }
        XCTAssertEqual(Set(anchors.map(\.object.value)), ["❤️", "Zoe\u{0308}", "👩‍👩‍👧", "שלום", "עליכם", "في", "القاهرة", "e\u{301}te\u{301}"])
    }

    func testGraphIRIIsOnePercentEncodedSegmentPerID() {
        XCTAssertEqual(NIFDocument.graphIRI(documentID: "a/b c"), "https://w3id.org/coattkg/graph/post/a%2Fb%20c")
        XCTAssertEqual(NIFDocument.graphIRI(documentID: "Zoë-1.2_~"), "https://w3id.org/coattkg/graph/post/Zo%C3%AB-1.2_~")
        XCTAssertEqual(NIFDocument.documentIRI(documentID: ".."), "https://w3id.org/coattkg/post/%2E%2E")
        XCTAssertEqual(NIFDocument.graphIRI(documentID: "x"), NIFDocument.graphIRI(documentID: "x"))
        XCTAssertNotEqual(NIFDocument.graphIRI(documentID: "a b"), NIFDocument.graphIRI(documentID: "a+b"))
    }

    /// A 1 MB post with 120,000 mentions: every mention written, in time linear in the text.
    func testAMegabytePostWithManyMentions() throws {
        let text = String(repeating: "🎉 Obama ", count: 131_072)  // 8 scalars, 9 UTF-16 units, 11 bytes
        XCTAssertGreaterThan(text.utf8.count, 1 << 20)
        let post = AnnotationFixtures.post(text, spans: (0..<120_000).map { 8 * $0 + 2..<8 * $0 + 7 })
        let started = Date()
        let quads = NIFDocument.quads(post)
        XCTAssertEqual(quads.filter { $0.predicate.value.hasSuffix("#anchorOf") && $0.object == .literal("Obama") }.count, 120_000)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(NIFDocument.json(post).utf8)) as? [String: Any])
        XCTAssertEqual((json["mentions"] as? [[String: Any]])?.last?["utf16Begin"] as? Int, 9 * 119_999 + 3)
        XCTAssertLessThan(Date().timeIntervalSince(started), 60, "not quadratic in the text")
    }

    /// Canonical xsd:double, always with an exponent (a bare `0.5` in Turtle is an xsd:decimal).
    func testConfidencesAreSpelledAsCanonicalDoubles() {
        let spelled = ([0.97, 1, 0, 12.5, 1e-5, 16_777_216, -0.25, .nan, .infinity] as [Float]).map(NIFDocument.doubleLexical)
        XCTAssertEqual(spelled, ["9.7E-1", "1.0E0", "0.0E0", "1.25E1", "1.0E-5", "1.6777216E7", "-2.5E-1", "NaN", "INF"])
    }

    /// The scalar ranges of the whitespace-separated words of `text`.
    private func PostTextWords(_ text: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = [], start: Int?
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if scalar.properties.isWhitespace {
                if let begin = start { ranges.append(begin..<offset) }
                start = nil
            } else if start == nil {
                start = offset
            }
        }
        if let begin = start { ranges.append(begin..<text.unicodeScalars.count) }
        return ranges
    }
}
