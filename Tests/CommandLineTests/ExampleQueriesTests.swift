import Foundation
import RDFModel
import SPARQLResults
import XCTest

/// Every query in Queries/ runs over a store built as `make demo` builds it, and its answer must
/// equal Queries/expected/NAME.tsv, which scripts/verify_queries.py computes from the raw data
/// files without CoAttKG.
final class ExampleQueriesTests: XCTestCase {
    func testEveryExampleQueryGivesTheIndependentlyComputedAnswer() throws {
        try CoAttCommand.requireDataAndBinary()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-queries-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        let data = CoAttCommand.dataRoot.path
        for arguments in [["load", "--store", store, data + "/ontology/dbpedia-ontology.ttl", "Ontologies/coattkg.ttl"],
                          ["kg", "import", "--store", store, "--data-dir", data, "dbpedia50"],
                          ["kg", "import", "--store", store, "--data-dir", data, "codex-s"]] {
            let result = try CoAttCommand.run(arguments)
            XCTAssertEqual(result.status, 0, "coatt \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        let queries = try FileManager.default.contentsOfDirectory(atPath: CoAttCommand.packageRoot.path + "/Queries")
            .filter { $0.hasSuffix(".rq") }.sorted()
        XCTAssertGreaterThanOrEqual(queries.count, 5)
        for query in queries {
            let name = String(query.dropLast(3))
            let expectedPath = CoAttCommand.packageRoot.path + "/Queries/expected/\(name).tsv"
            guard let expected = try? String(contentsOfFile: expectedPath, encoding: .utf8) else {
                XCTFail("\(query) has no expected answer at Queries/expected/\(name).tsv")
                continue
            }
            let result = try CoAttCommand.run(["query", "--store", store, "--file", "Queries/" + query, "--format", "json"])
            XCTAssertEqual(result.status, 0, "\(query): \(result.stderr)")
            let answer = try JSONResultsReader.read(Data(result.stdout.utf8))
            XCTAssertEqual(Self.rows(answer), expected.split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init).filter { !$0.isEmpty }, query)
        }
    }

    /// The answer as TSV lines the way the verification script writes them: integers bare,
    /// other terms in N-Triples syntax, unbound as empty.
    private static func rows(_ outcome: QueryOutcome) -> [String] {
        switch outcome {
        case .boolean(let value): return [value ? "true" : "false"]
        case .graph(let quads): return quads.map(\.nquads)
        case .solutions(let table):
            return table.rows.map { row in
                row.map { term -> String in
                    guard let term else { return "" }
                    if case .literal(let lexical, nil, "http://www.w3.org/2001/XMLSchema#integer") = term { return lexical }
                    return term.ntriples
                }.joined(separator: "\t")
            }
        }
    }
}
