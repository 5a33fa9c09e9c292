import RDFModel
import Store
import XCTest

/// A blank node is no string (`rasqal_string_arguments.c`): STR, the string functions and casts of
/// one are errors, as SPARQL 1.1 makes them, where rasqal read the label the store made up.
final class BlankNodeStringTests: XCTestCase {
    private func bound(_ store: Store, _ expression: String) throws -> RDFTerm? {
        guard case .solutions(let cursor) = try store.query("""
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            SELECT (\(expression) AS ?v) { ?b <http://e/p> ?o FILTER(isBlank(?b)) }
            """), let row = cursor.next() else {
            XCTFail("no solution for \(expression)")
            return nil
        }
        return row[0]
    }

    func testStringFunctionsAndCastsOfABlankNodeAreErrors() throws {
        let store = try Store(.memory)
        try store.write { add in try add(Quad(.blank("b1"), .iri("http://e/p"), .literal("x"))) }
        let errors = ["STR(?b)", "STRLEN(?b)", "UCASE(?b)", "LCASE(?b)", "SUBSTR(?b, 1)", "CONTAINS(?b, \"b\")",
                      "STRSTARTS(?b, \"b\")", "STRENDS(?b, \"1\")", "REGEX(?b, \".\")", "ENCODE_FOR_URI(?b)", "MD5(?b)",
                      "SHA256(?b)", "STRDT(?b, xsd:string)", "STRLANG(?b, \"en\")", "LANGMATCHES(?b, \"*\")",
                      "xsd:string(?b)", "xsd:integer(?b)", "CONCAT(?b, \"x\")", "STR(STR(?b))",
                      // rasqal evaluates most operands without the PLT: STR under `=` too.
                      "STR(?b) = \"b1\"", "STR(?b) != \"\" && true", "GROUP_CONCAT(?b)"]
        for expression in errors { XCTAssertNil(try bound(store, expression), expression) }
        XCTAssertEqual(try bound(store, "isBlank(?b)"), .literal("true", datatype: "http://www.w3.org/2001/XMLSchema#boolean"))
        XCTAssertEqual(try bound(store, "STR(<http://e/x>)"), .literal("http://e/x"))
        XCTAssertEqual(try bound(store, "STR(?o)"), .literal("x"))
        XCTAssertEqual(try bound(store, "COALESCE(STR(?b), \"none\")"), .literal("none"))
        guard case .boolean(let kept) = try store.query(#"ASK { ?b ?p ?o FILTER(STRSTARTS(STR(?b), "b")) }"#) else { return XCTFail() }
        XCTAssertFalse(kept)
    }
}
