import RDFModel
import Store
import XCTest

/// Aggregates and grouping as SPARQL 1.1 says, where rasqal 0.9.33 alone answers wrongly
/// (`AggregateRewrite`, `GroupKeyRewrite`, `BindErrorRewrite`): GROUP_CONCAT's SEPARATOR,
/// aggregates in HAVING and ORDER BY that the projection lacks, GROUP BY without aggregates,
/// GROUP BY expressions, and BINDs (which group keys become) of expressions that are errors.
final class AggregateTests: XCTestCase {
    private let integer = "http://www.w3.org/2001/XMLSchema#integer"

    /// :a has labels 1, 2, 3; :b has 10; :c has 5, 6; :t has the awkward strings.
    private func makeStore() throws -> Store {
        let store = try Store(.memory)
        try store.write { add in
            for (subject, values) in [("a", [1, 2, 3]), ("b", [10]), ("c", [5, 6])] {
                for value in values {
                    try add(Quad(.iri("http://ex/" + subject), .iri("http://ex/l"), .literal(String(value), datatype: integer)))
                }
            }
            for text in ["x y", "p~sq", "z$1", #"back\slash"#] {
                try add(Quad(.iri("http://ex/t"), .iri("http://ex/text"), .literal(text)))
            }
        }
        return store
    }

    private func rows(_ store: Store, _ sparql: String) throws -> [[String]] {
        guard case .solutions(let cursor) = try store.query("PREFIX : <http://ex/>\n" + sparql) else {
            XCTFail("no solutions")
            return []
        }
        return sequence(state: cursor) { $0.next() }.map { row in
            row.map { term in
                switch term {
                case .iri(let iri)?: return String(iri.dropFirst("http://ex/".count))
                case .literal(let lexical, _, _)?: return lexical
                default: return "-"
                }
            }
        }
    }

    /// rasqal counted 1 for every group; each solution's values are kept apart now.
    func testCountDistinctRows() throws {
        let store = try makeStore()
        // The UNION gives every solution twice: COUNT(DISTINCT *) counts it once.
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(DISTINCT *) AS ?n) (MAX(?o) AS ?top) (COUNT(DISTINCT ?o) AS ?d) "
                                + "{ { ?s :l ?o } UNION { ?s :l ?o } } GROUP BY ?s ORDER BY ?s"),
                       [["a", "3", "3", "3"], ["b", "1", "10", "1"], ["c", "2", "6", "2"]])
        XCTAssertEqual(try rows(store, "SELECT (COUNT(DISTINCT *) AS ?n) { { ?s :l ?o } UNION { ?s :l ?o } }"), [["6"]])
        // Beside aggregates that repeats change: until 2026-11-27 it took COUNT(*)'s value, or 1 beside SUM.
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(DISTINCT *) AS ?n) (COUNT(*) AS ?all) (SUM(?o) AS ?sum) "
                                + "{ { ?s :l ?o } UNION { ?s :l ?o } } GROUP BY ?s ORDER BY ?s"),
                       [["a", "3", "6", "12"], ["b", "1", "2", "20"], ["c", "2", "4", "22"]])
        // An unbound value is a value of its own: (1, unbound) and (1, 2) are two solutions, twice each.
        XCTAssertEqual(try rows(store, "SELECT (COUNT(DISTINCT *) AS ?n) (COUNT(*) AS ?all) "
                                + "{ VALUES (?x ?y) { (1 UNDEF) (1 2) (1 UNDEF) (1 2) } }"), [["2", "4"]])
    }

    func testGroupConcatJoinsWithItsSeparator() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, #"SELECT ?s (GROUP_CONCAT(?o; SEPARATOR=", ") AS ?all) { ?s :l ?o } GROUP BY ?s ORDER BY ?s"#),
                       [["a", "1, 2, 3"], ["b", "10"], ["c", "5, 6"]])
        // Values with spaces, `~`, `$` and `\`.
        let joined = try rows(store, #"SELECT (GROUP_CONCAT(?o; separator=" ~$\\ ") AS ?all) { :t :text ?o }"#)[0][0]
        XCTAssertEqual(Set(joined.components(separatedBy: #" ~$\ "#)), ["x y", "p~sq", "z$1", #"back\slash"#])
        XCTAssertEqual(try rows(store, #"SELECT (GROUP_CONCAT(DISTINCT ?n; separator="") AS ?all) { VALUES ?n { "1" "2" "1" } ?s :l 10 }"#).map { $0[0].count }, [2])
        // DISTINCT keeps terms apart that share their text; an empty value is still joined.
        XCTAssertEqual(try rows(store, #"SELECT (GROUP_CONCAT(DISTINCT ?n; separator="|") AS ?all) { VALUES ?n { "1" "1"@en "1" } }"#), [["1|1"]])
        XCTAssertEqual(try rows(store, #"SELECT (GROUP_CONCAT(?n; separator=",") AS ?all) { VALUES ?n { "" "x" } }"#), [[",x"]])
        // Used in an outer FILTER, the value is already joined right.
        XCTAssertEqual(try rows(store, #"SELECT ?all { { SELECT (GROUP_CONCAT(?o; separator=":") AS ?all) { :c :l ?o } } FILTER(?all IN ("5:6", "6:5")) }"#).count, 1)
        // Over no solutions: the empty string.
        XCTAssertEqual(try rows(store, #"SELECT (GROUP_CONCAT(?o; separator=", ") AS ?all) { ?s :missing ?o }"#), [[""]])
    }

    func testHavingEvaluatesAggregatesTheProjectionLacks() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?s { ?s :l ?o } GROUP BY ?s HAVING(COUNT(?o) = 1)"), [["b"]])
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(?o) AS ?n) { ?s :l ?o } GROUP BY ?s HAVING(COUNT(?o) > 1 && SUM(?o) < 10)"), [["a", "3"]])
        XCTAssertEqual(try rows(store, "SELECT ?s { ?s :l ?o } GROUP BY ?s HAVING(SUM(?o) > 10)"), [["c"]])
        // A condition that fails to evaluate (SUM of :t's strings) drops its group, like a false one
        // (rasqal_sequence_evaluation.c frees what rasqal leaked there).
        XCTAssertEqual(try rows(store, "SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING(SUM(?o) > 0) ORDER BY ?s"), [["a"], ["b"], ["c"]])
        XCTAssertEqual(try rows(store, "SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING(COUNT(*) > 0) ORDER BY ?s").count, 4)
    }

    func testOrderByAnAggregateSortsTheGroups() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?s { ?s :l ?o } GROUP BY ?s ORDER BY DESC(COUNT(?o))"), [["a"], ["c"], ["b"]])
        XCTAssertEqual(try rows(store, "SELECT ?s (SUM(?o) AS ?sum) { ?s :l ?o } GROUP BY ?s ORDER BY ASC(COUNT(?o)) LIMIT 2"),
                       [["b", "10"], ["c", "11"]])
        XCTAssertEqual(try rows(store, "SELECT ?s ?n { { SELECT ?s (COUNT(?o) AS ?n) { ?s :l ?o } GROUP BY ?s ORDER BY DESC(COUNT(?o)) LIMIT 1 } }"),
                       [["a", "3"]])
    }

    /// rasqal alone answers the first aggregate of a function for every one of it (SUM(?z) as
    /// SUM(?o)), and counts unbound values.
    func testEachAggregateIsItsOwn() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT (SUM(?o) AS ?a) (SUM(?z) AS ?b) (MAX(?o) AS ?m) (MAX(?z * 1) AS ?mz) (COUNT(?o) AS ?n) (COUNT(DISTINCT STR(?s)) AS ?d) { ?s :l ?o BIND(?o * 10 AS ?z) }"),
                       [["27", "270", "10", "100", "6", "3"]])
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(?big) AS ?n) (COUNT(*) AS ?all) { ?s :l ?o OPTIONAL { ?s :l ?big FILTER(?big > 5) } FILTER(?o < 4 || ?o > 4) } GROUP BY ?s ORDER BY ?s"),
                       [["a", "0", "3"], ["b", "1", "1"], ["c", "2", "2"]])
    }

    func testGroupByWithoutAggregatesGroups() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?s { ?s :l ?o FILTER(?o > 0) } GROUP BY ?s ORDER BY ?s"), [["a"], ["b"], ["c"]])
    }

    /// rasqal alone puts every solution in one group when a key is `(expression AS ?v)`, and
    /// drops the solutions whose key is an error.
    func testGroupByExpressions() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?big (COUNT(*) AS ?n) { ?s :l ?o } GROUP BY (?o > 4 AS ?big) ORDER BY ?big"),
                       [["false", "3"], ["true", "3"]])
        // An error is a key of its own, its variable unbound.
        XCTAssertEqual(try rows(store, "SELECT ?k (COUNT(*) AS ?n) { ?s :l ?o } GROUP BY (IF(?o > 5, ?o, 1/0) AS ?k) ORDER BY ?k"),
                       [["-", "4"], ["6", "1"], ["10", "1"]])
        // A key without a name (its hidden variable is not answered), next to a variable key.
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(*) AS ?n) { ?s :l ?o } GROUP BY ?s (?o > 4) ORDER BY ?s ?n"),
                       [["a", "3"], ["b", "1"], ["c", "2"]])
        XCTAssertEqual(try rows(store, "SELECT (SUM(?o) AS ?sum) { ?s :l ?o } GROUP BY STR(?s) ORDER BY ?sum"), [["6"], ["10"], ["11"]])
        // The projection's name for the key's expression; a variable in brackets.
        XCTAssertEqual(try rows(store, "SELECT (?o > 4 AS ?big) (COUNT(*) AS ?n) { ?s :l ?o } GROUP BY (?o > 4) ORDER BY ?big"),
                       [["false", "3"], ["true", "3"]])
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(*) AS ?n) { ?s :l ?o } GROUP BY (?s) ORDER BY ?s"), [["a", "3"], ["b", "1"], ["c", "2"]])
        XCTAssertEqual(try rows(store, "SELECT ?t (COUNT(*) AS ?n) { ?s :l ?o } GROUP BY (?s AS ?t) ORDER BY ?t"), [["a", "3"], ["b", "1"], ["c", "2"]])
        // In a subquery, and over a WHERE clause that is a subquery.
        XCTAssertEqual(try rows(store, "SELECT ?sum { { SELECT (SUM(?o) AS ?sum) { ?s :l ?o } GROUP BY (STR(?s) AS ?name) } } ORDER BY ?sum"),
                       [["6"], ["10"], ["11"]])
        XCTAssertEqual(try rows(store, "SELECT ?big (COUNT(*) AS ?n) WHERE { SELECT ?o { ?s :l ?o } } GROUP BY (?o > 4 AS ?big) ORDER BY ?big"),
                       [["false", "3"], ["true", "3"]])
    }

    /// rasqal alone stopped comparing keys at the first unbound one: with `GROUP BY ?big ?s`, the
    /// solutions without ?big were one group whatever their ?s.
    func testAKeyThatMayBeUnboundDoesNotMergeGroups() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?big ?s (COUNT(*) AS ?n) { ?s :l ?o OPTIONAL { ?s :l ?big FILTER(?big > 9) } } GROUP BY ?big ?s ORDER BY ?s"),
                       [["-", "a", "3"], ["10", "b", "1"], ["-", "c", "2"]])
    }

    /// rasqal alone drops a solution whose BIND expression is an error.
    func testBindOfAnErrorLeavesItsVariableUnbound() throws {
        let store = try makeStore()
        XCTAssertEqual(try rows(store, "SELECT ?o ?twice { :a :l ?o BIND(IF(?o = 2, 1/0, ?o * 2) AS ?twice) } ORDER BY ?o"),
                       [["1", "2"], ["2", "-"], ["3", "6"]])
        XCTAssertEqual(try rows(store, "SELECT ?s (COUNT(?n) AS ?lengths) (COUNT(*) AS ?all) { ?s :l ?o BIND(STRLEN(?s) AS ?n) } GROUP BY ?s ORDER BY ?s"),
                       [["a", "0", "3"], ["b", "0", "1"], ["c", "0", "2"]])
    }

    func testRewrittenQueriesKeepTheirLineNumbersInErrors() throws {
        let store = try makeStore()
        XCTAssertThrowsError(try store.query("""
            SELECT ?s (GROUP_CONCAT(?o;
              SEPARATOR=", ") AS ?all) { ?s <http://ex/l> ?o } GROUP BY ?s ORDER BY DESC(COUNT(?o))
            LIMIT x
            """)) { error in
            XCTAssertTrue(String(describing: error).contains("line 3"), "\(error)")
        }
    }
}
