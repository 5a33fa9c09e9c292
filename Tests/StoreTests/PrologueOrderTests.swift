import RDFModel
import SQLiteStorage
import XCTest

/// BASE may follow PREFIX, and come more than once (`PrologueOrderRewrite`): rasqal 0.9.33 wants
/// one BASE, first.
final class PrologueOrderTests: XCTestCase {
    private func terms(_ query: String) throws -> [RDFTerm?] {
        let engine = try RasqalEngine.holding([])
        guard case .solutions(let cursor) = try engine.query(query), let row = cursor.next() else { return [] }
        return row
    }

    func testBaseAfterPrefix() throws {
        XCTAssertEqual(try terms("PREFIX : <http://ex/>\nBASE <http://b/>\nSELECT (IRI(\"x\") AS ?i) (:y AS ?j) {}"),
                       [.iri("http://b/x"), .iri("http://ex/y")])
    }

    func testEachRelativeIRIStandsAgainstTheBaseBeforeIt() throws {
        XCTAssertEqual(try terms("BASE <http://b/a/> PREFIX : <x/> BASE <../c/> SELECT (IRI(\"x\") AS ?i) (:y AS ?j) {}"),
                       [.iri("http://b/c/x"), .iri("http://b/a/x/y")])
    }

    func testLineNumbersOfErrorsAfterThePrologueStay() throws {
        XCTAssertThrowsError(try terms("PREFIX : <http://ex/>\nBASE <http://b/>\n\nSELECT ?x { ?x ?p }")) { error in
            XCTAssertTrue("\(error)".contains("line 4"), "\(error)")
        }
    }
}
