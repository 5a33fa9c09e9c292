import Foundation
import RDFModel
import Redland
import SharedTestPaths
import Store
import XCTest

/// The W3C SPARQL 1.1 query syntax tests (`mf:PositiveSyntaxTest11`, `mf:NegativeSyntaxTest11` of
/// every `sparql11` folder): every positive test is accepted and every negative one refused. The
/// manifests are read with the store itself.
final class QuerySyntaxConformanceTests: XCTestCase {
    func testPositiveTestsAreAcceptedAndNegativeOnesRefused() throws {
        let suite = try SharedTestPaths.data("sparql-tests/sparql11")
        let manifest = try Store(.memory)
        for folder in try FileManager.default.contentsOfDirectory(atPath: suite.path).sorted() {
            let path = suite.appendingPathComponent(folder).appendingPathComponent("manifest.ttl").path
            if FileManager.default.fileExists(atPath: path) { try manifest.load(file: path) }
        }
        guard case .solutions(let cursor) = try manifest.query("""
            PREFIX mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#>
            SELECT ?type ?action { ?test a ?type ; mf:action ?action
              FILTER(?type IN (mf:PositiveSyntaxTest11, mf:NegativeSyntaxTest11)) }
            """) else { return XCTFail("no solutions") }
        let store = try Store(.memory)
        var counts = (positive: 0, negative: 0)
        while let row = cursor.next() {
            guard case .iri(let type)? = row[0], case .iri(let action)? = row[1], let url = URL(string: action), url.pathExtension == "rq"
            else { continue }
            let name = url.lastPathComponent
            let text = try String(contentsOf: url, encoding: .utf8)
            // Another error (SERVICE refused off the allow-list) comes after the query was read.
            let error = store.syntaxError(text).flatMap { $0.hasPrefix("not a syntax error") ? nil : $0 }
            if type.hasSuffix("PositiveSyntaxTest11") {
                counts.positive += 1
                XCTAssertNil(error, "\(name) is valid SPARQL 1.1")
            } else {
                counts.negative += 1
                XCTAssertNotNil(error, "\(name) is not SPARQL 1.1: answered")
            }
        }
        XCTAssertEqual(counts.positive, 66)  // as the suite holds them: none skipped
        XCTAssertEqual(counts.negative, 40)
    }
}
