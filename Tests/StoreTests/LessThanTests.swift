import RDFModel
import Store
import XCTest

/// `?a<40 && ?a>26` compares (`LessThanRewrite`): rasqal's lexer read `<40 && ?a>` as an IRI,
/// white space included, and refused the query.
final class LessThanTests: XCTestCase {
    func testAComparisonWrittenWithoutSpacesIsRead() throws {
        let store = try Store(.memory)
        try store.write { add in
            for (name, age) in [("a", 20), ("b", 30), ("c", 40)] {
                try add(Quad(.iri("http://e/" + name), .iri("http://e/age"), .literal(String(age), datatype: "http://www.w3.org/2001/XMLSchema#integer")))
            }
        }
        guard case .solutions(let cursor) = try store.query("SELECT ?s { ?s <http://e/age> ?a FILTER(?a<40 && ?a>26) }") else {
            return XCTFail("no solutions")
        }
        var subjects: [RDFTerm?] = []
        while let row = cursor.next() { subjects.append(row[0]) }
        XCTAssertEqual(subjects, [.iri("http://e/b")])
        guard case .boolean(let answered) = try store.query("ASK { FILTER((1<2 || 3>4) && \"a\"<\"b\" && BOUND(?x)<true) }") else {
            return XCTFail("no answer")
        }
        XCTAssertTrue(answered)
    }
}
