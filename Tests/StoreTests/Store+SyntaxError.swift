import Redland
import Store
import XCTest

extension Store {
    /// The syntax error `sparql` is refused with; nil when it is answered, and a note of any
    /// other error (which is then no syntax error).
    func syntaxError(_ sparql: String) -> String? {
        do {
            _ = try query(sparql)
            return nil
        } catch {
            return (error as? SPARQLSyntaxError)?.description ?? "not a syntax error: \(error)"
        }
    }

    /// Asserts that each query is refused with a syntax error whose message contains its text.
    func assertRefused(_ cases: [(query: String, message: String)], file: StaticString = #filePath, line: UInt = #line) {
        for (sparql, expected) in cases {
            let message = syntaxError(sparql)
            XCTAssertTrue(message?.contains(expected) == true, "\(sparql): \(message ?? "answered")", file: file, line: line)
        }
    }
}
