import Foundation
import RDFModel
import Redland
import SharedTestPaths
import Store
import XCTest

/// The W3C SPARQL 1.1 query syntax tests (`mf:PositiveSyntaxTest11`, `mf:NegativeSyntaxTest11` of
/// every `sparql11` folder): every positive test is accepted and every negative one refused, but
/// the negative ones this store still accepts (`stillAccepted`, each with the reason). The
/// manifests are read with the store itself.
final class QuerySyntaxConformanceTests: XCTestCase {
    /// Negative tests answered instead of refused: rasqal 0.9.33 reads these, and nothing here
    /// checks them yet.
    private let stillAccepted: Set<String> = [
        "syn-bad-01.rq",  // `SELECT ()`: rasqal reads an empty projection
        "syn-invalid-codepoint-escaped-bad-01.rq",  // a \u escape of a surrogate in a local name
        "syn-bad-values-too-many.rq", "syn-bad-values-too-few.rq",  // a VALUES row of the wrong length
    ]

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
                XCTAssertEqual(error == nil, stillAccepted.contains(name), "\(name): \(error ?? "answered")")
            }
        }
        XCTAssertEqual(counts.positive, 66)  // as the suite holds them: none skipped
        XCTAssertEqual(counts.negative, 40)
    }
}
