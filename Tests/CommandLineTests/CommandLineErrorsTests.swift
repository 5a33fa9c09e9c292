import Foundation
import XCTest

/// Bad input on the command line: one clear line on stderr, a non-zero exit, nothing written.
final class CommandLineErrorsTests: XCTestCase {
    private func expectFailure(_ arguments: [String], mentioning text: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try CoAttCommand.run(arguments)
        XCTAssertNotEqual(result.status, 0, "coatt \(arguments.joined(separator: " ")) succeeded", file: file, line: line)
        XCTAssertTrue(result.stderr.localizedCaseInsensitiveContains(text),
                      "stderr of coatt \(arguments.joined(separator: " ")) lacks '\(text)': \(result.stderr)", file: file, line: line)
    }

    func testQueriesThatRasqalRejectsOrCrashesOnFailCleanly() throws {
        try CoAttCommand.requireBinary()
        try expectFailure(["query", "--store", "memory", "SELECT ?x WHERE { ?x ?y }"], mentioning: "syntax error")
        try expectFailure(["query", "--store", "memory", "SELECT ?x WHERE { ?x ?y }"], mentioning: "line 1")
        try expectFailure(["query", "--store", "memory", "   "], mentioning: "empty query")
        // rasqal 0.9.33 aborts while parsing four added constants (REDLAND.md §2): the query runs
        // in a child process, so the command reports it instead of dying.
        try expectFailure(["query", "--store", "memory", "SELECT (1+1+1+1 AS ?x) {}"], mentioning: "crashed")
        try expectFailure(["query", "--store", "memory", "--format", "yaml", "ASK {}"], mentioning: "unknown format")
    }

    /// Header values the endpoint would send are ASCII, so a non-ASCII origin is refused at start.
    func testServeRefusesAnOriginThatIsNoHeaderValue() throws {
        try CoAttCommand.requireBinary()
        try expectFailure(["serve", "--store", "memory", "--port", "0", "--cors-origin", "https://bücher.example"],
                          mentioning: "--cors-origin must be * or an origin in printable ASCII")
    }

    func testLoadErrorsNameTheProblem() throws {
        try CoAttCommand.requireBinary()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        try expectFailure(["load", "--store", store, "/nonexistent/file.ttl"], mentioning: "no such file")
        try expectFailure(["load", "--store", store, "--format", "n5", "x.ttl"], mentioning: "unknown format")
        try expectFailure(["load", "--store", store, "--format", "turtle", NSTemporaryDirectory()], mentioning: "directory")
        try expectFailure(["store", "drop", "--store", store, "http://example.org/absent"], mentioning: "no graph")
    }
}
