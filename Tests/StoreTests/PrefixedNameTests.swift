import RDFModel
import Store
import XCTest

/// Prefixed names with `\` escapes, `%` sequences and `:` in their local part, which rasqal 0.9.33
/// refused, name the IRIs SPARQL 1.1 says (`PrefixedNameRewrite`), in queries and updates.
final class PrefixedNameTests: XCTestCase {
    func testEscapedLocalNamesNameTheirIRIs() throws {
        let store = try Store(.memory)
        try store.write { add in
            try add(Quad(.iri("http://dbpedia.org/resource/AC/DC"), .iri("http://e/genre"), .literal("rock")))
            try add(Quad(.iri("http://dbpedia.org/resource/Washington,_D.C."), .iri("http://e/in"), .iri("http://e/US")))
            try add(Quad(.iri("http://ogp.me/ns#page"), .iri("http://ogp.me/ns#audio%3Atitle"), .literal("t")))
        }
        guard case .solutions(let cursor) = try store.query("""
            PREFIX dbr: <http://dbpedia.org/resource/>
            PREFIX og: <http://ogp.me/ns#>
            SELECT ?genre ?country ?title { dbr:AC\\/DC ?g ?genre . dbr:Washington\\,_D.C\\. ?i ?country . og:page og:audio%3Atitle ?title }
            """) else { return XCTFail("no solutions") }
        XCTAssertEqual(cursor.next(), [.literal("rock"), .iri("http://e/US"), .literal("t")])
        _ = try store.update("PREFIX : <http://example/> INSERT DATA { :a:b :c\\~z\\. :: }", baseIRI: nil, policy: RemotePolicy())
        guard case .boolean(let inserted) = try store.query("ASK { <http://example/a:b> <http://example/c~z.> <http://example/:> }")
        else { return XCTFail("no answer") }
        XCTAssertTrue(inserted)
    }

    /// `:a:b:c` is one name: a triple of one term, which rasqal had read as three names.
    func testANameOfSeveralColonsIsOneTerm() throws {
        XCTAssertTrue(try Store(.memory).syntaxError("PREFIX : <http://e/> SELECT * { :a:b:c . }") != nil)
    }
}
