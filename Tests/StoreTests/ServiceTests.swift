import RDFModel
import SPARQLResults
import SQLiteStorage
import XCTest

/// SERVICE (SPARQL 1.1 Federated Query) as the engine evaluates it: what it asks each endpoint,
/// and how the answers join with the rest of the query. The endpoints here are other engines
/// over stores of their own, asked in-process (`EngineEndpoints`); the HTTP path is exercised by
/// the W3C service tests (`ConformanceTests`) and `FederatedQueryTests`.
final class ServiceTests: XCTestCase {
    private let remote = "http://remote.example/sparql"
    private let p = RDFTerm.iri("http://e/p"), q = RDFTerm.iri("http://e/q")

    private func engine(_ quads: [Quad]) throws -> RasqalEngine {
        let database = try QuadDatabase(path: ":memory:")
        for quad in quads { _ = try database.insert(quad) }
        return try RasqalEngine(database: database)
    }

    private func item(_ index: Int) -> RDFTerm { .iri("http://e/item\(index)") }

    /// Rows of a SELECT, each as its values joined by spaces ("-" for unbound), sorted.
    private func rows(_ engine: RasqalEngine, _ sparql: String) throws -> [String] {
        guard case .solutions(let cursor) = try engine.query(sparql) else { throw XCTSkip("not a SELECT") }
        return sequence(state: cursor) { $0.next() }.map { $0.map { $0.map { "\($0.value)" } ?? "-" }.joined(separator: " ") }.sorted()
    }

    func testAServiceInsideOptionalIsAskedAsWrittenAndJoinedWithEachSolution() throws {
        let endpoints = try EngineEndpoints([remote: engine([Quad(item(1), q, .literal("one"))])])
        let local = try engine([Quad(item(1), p, .literal("a")), Quad(item(2), p, .literal("b"))])
        local.serviceEndpoints = endpoints
        let found = try rows(local, "SELECT ?x ?name ?label { ?x <http://e/p> ?name OPTIONAL { SERVICE <\(remote)> { ?x <http://e/q> ?label } } }")
        XCTAssertEqual(found, ["http://e/item1 a one", "http://e/item2 b -"])
        XCTAssertEqual(endpoints.requests.map(\.query), ["SELECT * WHERE { ?x <http://e/q> ?label }"])
    }

    func testABlockAfterTheLeadingPatternAsksOnlyForTheValuesThatPatternBinds() throws {
        let endpoints = try EngineEndpoints([remote: engine((0..<2_000).map { Quad(item($0), q, .literal("v\($0)")) })])
        let local = try engine([Quad(.iri("http://e/post"), p, item(7)), Quad(.iri("http://e/post"), p, item(1_500))])
        local.serviceEndpoints = endpoints
        let found = try rows(local, """
            PREFIX e: <http://e/>
            SELECT ?x ?v { ?post e:p ?x FILTER(?v != "v1") SERVICE <\(remote)> { ?x e:q ?v } }
            """)
        XCTAssertEqual(found, ["http://e/item1500 v1500", "http://e/item7 v7"])
        XCTAssertEqual(endpoints.requests.count, 1)
        let asked = try XCTUnwrap(endpoints.requests.first?.query)
        XCTAssertTrue(asked.hasPrefix("PREFIX e: <http://e/>\n"), asked)
        XCTAssertTrue(asked.contains("VALUES (?x) { (<http://e/item7>) (<http://e/item1500>) }")
                      || asked.contains("VALUES (?x) { (<http://e/item1500>) (<http://e/item7>) }"), asked)
    }

    func testTheValuesOfABindJoinAreSentInChunks() throws {
        let count = RasqalEngine.serviceChunkRows * 2 + 10
        let endpoints = try EngineEndpoints([remote: engine((0..<count).map { Quad(item($0), q, .literal("v\($0)")) })])
        let local = try engine((0..<count).map { Quad(.iri("http://e/post"), p, item($0)) })
        local.serviceEndpoints = endpoints
        let found = try rows(local, "SELECT ?x ?v { ?post <http://e/p> ?x SERVICE <\(remote)> { ?x <http://e/q> ?v } }")
        XCTAssertEqual(found.count, count)
        XCTAssertEqual(endpoints.requests.count, 3)
    }

    /// A bind join's requests wait for their answers together (at most
    /// `serviceRequestsInFlight`), and their solutions come in request order; a failing one fails
    /// the query, or makes a SILENT block one empty solution.
    func testTheChunksOfABindJoinAreAskedAtTheSameTime() throws {
        let count = RasqalEngine.serviceChunkRows * 5 + 10
        let endpoints = try EngineEndpoints([remote: engine((0..<count).map { Quad(item($0), q, .literal("v\($0)")) })])
        endpoints.delay = 0.2
        let local = try engine((0..<count).map { Quad(.iri("http://e/post"), p, item($0)) })
        local.serviceEndpoints = endpoints
        let query = "SELECT ?x ?v { ?post <http://e/p> ?x SERVICE <\(remote)> { ?x <http://e/q> ?v } }"
        XCTAssertEqual(try rows(local, query).count, count)
        XCTAssertEqual(endpoints.requests.count, 6)
        XCTAssertGreaterThan(endpoints.concurrency, 1)
        XCTAssertLessThanOrEqual(endpoints.concurrency, RasqalEngine.serviceRequestsInFlight)

        endpoints.failing = { $0.contains("<http://e/item\(RasqalEngine.serviceChunkRows * 2)>") }  // the third chunk
        XCTAssertThrowsError(try rows(local, query)) { error in
            XCTAssertTrue(error is ServiceFailed, "\(error)")
        }
        let silent = query.replacingOccurrences(of: "SERVICE", with: "SERVICE SILENT")
        XCTAssertEqual(try rows(local, silent).count, count, "one empty solution joined with every local one")
        XCTAssertEqual(try rows(local, silent).filter { $0.hasSuffix(" -") }.count, count)
    }

    func testNoRequestIsMadeWhenTheLeadingPatternHasNoSolutions() throws {
        let endpoints = try EngineEndpoints([remote: engine([Quad(item(1), q, .literal("one"))])])
        let local = try engine([Quad(item(1), p, .literal("a"))])
        local.serviceEndpoints = endpoints
        XCTAssertEqual(try rows(local, "SELECT * { ?x <http://e/none> ?y SERVICE <\(remote)> { ?x <http://e/q> ?v } }"), [])
        XCTAssertEqual(endpoints.requests.count, 0)
    }

    func testAFailingEndpointFailsTheQueryUnlessTheBlockIsSilent() throws {
        let endpoints = try EngineEndpoints([:])
        let local = try engine([Quad(item(1), p, .literal("a"))])
        local.serviceEndpoints = endpoints
        XCTAssertThrowsError(try rows(local, "SELECT * { ?x <http://e/p> ?y SERVICE <\(remote)> { ?x <http://e/q> ?v } }")) { error in
            XCTAssertTrue(error is ServiceFailed, "\(error)")
            XCTAssertTrue("\(error)".contains(remote), "\(error)")
        }
        // SILENT: the block is one solution that binds nothing, so every local solution stays.
        XCTAssertEqual(try rows(local, "SELECT * { ?x <http://e/p> ?y SERVICE SILENT <\(remote)> { ?x <http://e/q> ?v } }"),
                       ["http://e/item1 a -"])
    }

    func testSilentDoesNotHideARefusal() throws {
        let endpoints = try EngineEndpoints([remote: engine([])])
        endpoints.refused = [remote]
        let local = try engine([Quad(item(1), p, .literal("a"))])
        local.serviceEndpoints = endpoints
        XCTAssertThrowsError(try rows(local, "SELECT * { SERVICE SILENT <\(remote)> { ?x ?p ?v } }")) { error in
            XCTAssertTrue(error is ServiceRefused, "\(error)")
        }
    }

    func testTheFirstServiceEndpointIsFoundOutsideStringsAndComments() {
        XCTAssertEqual(RasqalEngine.serviceEndpoint(in: "SELECT * { ?s ?p \"SERVICE\" # SERVICE <x>\n service silent ?e { ?s ?p ?o } }", baseIRI: nil), "?e")
        XCTAssertEqual(RasqalEngine.serviceEndpoint(in: "PREFIX e: <http://e/> SELECT * { SERVICE e:sparql { ?s ?p ?o } }", baseIRI: nil), "e:sparql")
        XCTAssertNil(RasqalEngine.serviceEndpoint(in: "SELECT * { ?s <http://e/SERVICE> ?o }", baseIRI: nil))
    }

    /// An update's clause is answered before its transaction; only the first operation's may be
    /// narrowed by the patterns before the block, which later operations may have changed.
    func testAnUpdatesWhereClauseIsAnsweredWithABindJoinOnlyWhenAskedTo() throws {
        let endpoints = try EngineEndpoints([remote: engine([Quad(item(1), q, .literal("one")), Quad(item(2), q, .literal("two"))])])
        let local = try engine([Quad(item(1), p, .literal("a"))])
        local.serviceEndpoints = endpoints
        let clause = WhereClause(prologue: "PREFIX e: <http://e/>", pattern: "{ ?x e:p ?y SERVICE <\(remote)> { ?x e:q ?v } }")
        let first = try local.answeringServices(in: clause, bindJoin: true)
        XCTAssertEqual(first.pattern, "{ ?x e:p ?y VALUES (?x ?v) { (<http://e/item1> \"one\") } }")
        XCTAssertTrue(endpoints.requests[0].query.contains("VALUES (?x)"), endpoints.requests[0].query)
        let later = try local.answeringServices(in: clause, bindJoin: false)
        XCTAssertTrue(later.pattern.contains("(<http://e/item2> \"two\")"), later.pattern)
        XCTAssertFalse(endpoints.requests[1].query.contains("VALUES"), endpoints.requests[1].query)
        XCTAssertEqual(try local.answeringServices(in: WhereClause(prologue: "", pattern: "{ ?s ?p ?o }"), bindJoin: true).pattern, "{ ?s ?p ?o }")
    }

    /// From 256 rows of values on, the answer goes before members that only join and start with
    /// a triple naming a join variable, so that they are looked up with its values instead of
    /// compared with every row of it; `SELECT *` keeps the columns in the order the query names
    /// them, and the `.` around the block stays valid.
    func testAnAnswerJoinsBeforeTheMembersItFollowsWithoutReorderingColumns() throws {
        let count = 300
        let endpoints = try EngineEndpoints([remote: engine((0..<count).map { Quad(item($0), q, .literal("v\($0)")) })])
        let local = try engine((0..<count).map { Quad(item($0), p, .literal("a\($0)")) } + [Quad(item(7), .iri("http://e/r"), .literal("c"))])
        local.serviceEndpoints = endpoints
        let query = "SELECT * { ?x <http://e/p> ?y . SERVICE <\(remote)> { ?x <http://e/q> ?v } . ?x <http://e/r> ?z }"
        guard case .solutions(let cursor) = try local.query(query) else { return XCTFail("no solutions") }
        XCTAssertEqual(cursor.variables, ["x", "y", "v", "z"])
        XCTAssertEqual(try rows(local, query), ["http://e/item7 a7 v7 c"])
        func answered(_ pattern: String) throws -> String {
            try local.answeringServices(in: WhereClause(prologue: "", pattern: pattern), bindJoin: true).pattern
        }
        let service = "SERVICE <\(remote)> { ?x <http://e/q> ?v }"
        XCTAssertTrue(try answered("{ ?x <http://e/p> ?y . \(service) }").hasPrefix("{ VALUES (?x ?v)"))
        // After an OPTIONAL, whose meaning depends on what comes before it, or a first triple
        // that the values would not narrow, the answer stays in place.
        XCTAssertTrue(try answered("{ ?x <http://e/p> ?y OPTIONAL { ?x <http://e/r> ?z } \(service) }").hasPrefix("{ ?x <http://e/p> ?y OPTIONAL"))
        XCTAssertTrue(try answered("{ ?s <http://e/p> ?y . ?x <http://e/p> ?y \(service) }").hasPrefix("{ ?s <http://e/p> ?y . ?x"))
    }

    /// A grouped sub-SELECT is sent with the values inside it, so the endpoint groups only those
    /// values' solutions; one with a LIMIT (over all its groups) is not.
    func testTheValuesGoInsideASubSelectThatGroupsByThem() throws {
        let endpoints = try EngineEndpoints([remote: engine((0..<50).flatMap { [Quad(item($0), q, .literal("a")), Quad(item($0), p, .literal("b"))] })])
        let local = try engine([Quad(.iri("http://e/post"), p, item(3)), Quad(.iri("http://e/post"), p, item(4))])
        local.serviceEndpoints = endpoints
        let found = try rows(local, "SELECT ?x ?n { ?post <http://e/p> ?x SERVICE <\(remote)> { SELECT ?x (COUNT(*) AS ?n) { ?x ?p ?o } GROUP BY ?x } }")
        XCTAssertEqual(found, ["http://e/item3 2", "http://e/item4 2"])
        XCTAssertTrue(endpoints.requests[0].query.contains("(COUNT(*) AS ?n) { VALUES (?x) { "), endpoints.requests[0].query)
        let limited = try rows(local, "SELECT ?x ?n { ?post <http://e/p> ?x SERVICE <\(remote)> { SELECT ?x (COUNT(*) AS ?n) { ?x ?p ?o } GROUP BY ?x ORDER BY ?x LIMIT 30 } }")
        XCTAssertEqual(limited, ["http://e/item3 2"], "item4 is the 35th group in order, past the limit")
        XCTAssertTrue(endpoints.requests[1].query.contains("} { SELECT ?x (COUNT(*) AS ?n) { ?x ?p ?o }"), endpoints.requests[1].query)
        // Without GROUP BY, a projection of the join variable takes the values too.
        XCTAssertEqual(try rows(local, "SELECT ?x ?o { ?post <http://e/p> ?x SERVICE <\(remote)> { SELECT DISTINCT ?x ?o { ?x <http://e/q> ?o } } }"),
                       ["http://e/item3 a", "http://e/item4 a"])
        XCTAssertTrue(endpoints.requests[2].query.contains("?o { VALUES (?x)"), endpoints.requests[2].query)
    }

    func testAnEngineWithoutEndpointsRefusesService() throws {
        let local = try engine([Quad(item(1), p, .literal("a"))])
        XCTAssertThrowsError(try rows(local, "SELECT * { SERVICE <\(remote)> { ?x ?p ?v } }")) { error in
            XCTAssertTrue(error is ServiceRefused, "\(error)")
        }
    }

    func testAVariableEndpointIsAskedForEachValueTheLeadingPatternGivesIt() throws {
        let other = "http://other.example/sparql"
        let endpoints = try EngineEndpoints([
            remote: engine([Quad(item(1), q, .literal("from remote"))]),
            other: engine([Quad(item(2), q, .literal("from other"))]),
        ])
        let local = try engine([Quad(.iri("http://e/a"), p, .iri(remote)), Quad(.iri("http://e/b"), p, .iri(other))])
        local.serviceEndpoints = endpoints
        let found = try rows(local, "SELECT ?endpoint ?v { ?source <http://e/p> ?endpoint SERVICE ?endpoint { ?x <http://e/q> ?v } }")
        XCTAssertEqual(found, ["\(other) from other", "\(remote) from remote"])
        XCTAssertThrowsError(try rows(local, "SELECT * { OPTIONAL { SERVICE ?endpoint { ?x ?p ?v } } }")) { error in
            XCTAssertTrue("\(error)".contains("must be bound"), "\(error)")
        }
    }

    func testRemoteBlankNodesBecomeSkolemIRIsThatStillJoinWithinTheirAnswer() throws {
        let endpoints = try EngineEndpoints([remote: engine([Quad(.blank("n"), q, .literal("x")), Quad(.blank("n"), p, .literal("y"))])])
        let local = try engine([])
        local.serviceEndpoints = endpoints
        let found = try rows(local, "SELECT ?node ?a ?b { SERVICE <\(remote)> { ?node <http://e/q> ?a . ?node <http://e/p> ?b } }")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("http://coatt.invalid/.well-known/genid/"), found[0])
        XCTAssertTrue(found[0].hasSuffix(" x y"), found[0])
    }

    func testAVariableAValuesBlockMayLeaveUnboundIsNotSentAsAJoinValue() throws {
        let endpoints = try EngineEndpoints([remote: engine([Quad(item(1), q, .literal("one"))])])
        let local = try engine([Quad(item(1), p, .literal("a"))])
        local.serviceEndpoints = endpoints
        let found = try rows(local, "SELECT ?x ?y ?v { ?x <http://e/p> ?y SERVICE <\(remote)> { VALUES ?y { UNDEF } ?x <http://e/q> ?v } }")
        XCTAssertEqual(found, ["http://e/item1 a one"])
        XCTAssertTrue(endpoints.requests[0].query.contains("VALUES (?x)"), endpoints.requests[0].query)
    }
}

/// Endpoints answered by other engines, in-process; records what each was asked. The engines
/// are asked one at a time (an engine is used from one thread at a time), after `delay`, which
/// requests wait out together, as they wait for a remote server.
private final class EngineEndpoints: ServiceEndpoints, @unchecked Sendable {  // state behind `lock`
    private let engines: [String: RasqalEngine]
    private let lock = NSLock()
    private var recorded: [(endpoint: String, query: String)] = []
    private var inFlight = 0, mostInFlight = 0
    /// Endpoints that refuse as a policy would.
    var refused: Set<String> = []
    /// How long each request takes before its engine answers.
    var delay = 0.0
    /// Queries that fail when asked (a server error).
    var failing: (String) -> Bool = { _ in false }

    init(_ engines: [String: RasqalEngine]) throws { self.engines = engines }

    var requests: [(endpoint: String, query: String)] { lock.withLock { recorded } }
    /// The most requests that waited at the same time.
    var concurrency: Int { lock.withLock { mostInFlight } }

    struct Unreachable: Error {}

    func select(_ query: String, at endpoint: String) throws -> SolutionTable {
        if refused.contains(endpoint) { throw ServiceRefused(endpoint: "<\(endpoint)>", reason: "not on the test's allow-list") }
        lock.withLock {
            recorded.append((endpoint, query))
            inFlight += 1
            mostInFlight = max(mostInFlight, inFlight)
        }
        Thread.sleep(forTimeInterval: delay)
        return try lock.withLock {
            inFlight -= 1
            guard let engine = engines[endpoint], !failing(query) else { throw Unreachable() }
            guard case .solutions(let cursor) = try engine.query(query) else { throw Unreachable() }
            return SolutionTable(variables: cursor.variables, rows: Array(sequence(state: cursor) { $0.next() }))
        }
    }
}
