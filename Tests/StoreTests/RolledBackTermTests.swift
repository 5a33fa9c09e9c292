import RDFModel
@testable import SQLiteStorage
import XCTest

/// What the SPARQL engine remembers of term ids across a rollback (`RasqalTermCache`).
final class RolledBackTermTests: XCTestCase {
    /// A rollback removes the terms it added and SQLite gives their ids to the next new terms:
    /// the engine must not go on reading those ids as the terms it saw in the rolled-back work.
    func testTermIDsARollbackFreedAreNotReadAsTheTermsTheyWere() throws {
        struct Failure: Error {}
        let database = try QuadDatabase(path: ":memory:")
        let engine = try RasqalEngine(database: database)
        XCTAssertThrowsError(try database.transaction {
            _ = try database.insert(Quad(.iri("http://e/s"), .iri("http://e/p"), .literal("first")))
            XCTAssertEqual(try engine.sortedAnswer("SELECT ?o { <http://e/s> <http://e/p> ?o }").rows, ["\(RDFTerm.literal("first"))"])
            throw Failure()
        })
        _ = try database.insert(Quad(.iri("http://e/other"), .iri("http://e/q"), .literal("second")))
        _ = try database.insert(Quad(.iri("http://e/s"), .iri("http://e/p"), .literal("second")))
        XCTAssertEqual(try engine.sortedAnswer("SELECT ?s { ?s <http://e/p> ?o }").rows, ["\(RDFTerm.iri("http://e/s"))"])
        XCTAssertEqual(try engine.sortedAnswer("SELECT ?o { <http://e/s> <http://e/p> ?o FILTER(STR(?o) = \"second\") }").rows,
                       ["\(RDFTerm.literal("second"))"])
    }
}
