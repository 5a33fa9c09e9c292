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

    func testLoadErrorsNameTheProblem() throws {
        try CoAttCommand.requireBinary()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        try expectFailure(["load", "--store", store, "/nonexistent/file.ttl"], mentioning: "no such file")
        try expectFailure(["load", "--store", store, "--format", "n5", "x.ttl"], mentioning: "unknown format")
        try expectFailure(["load", "--store", store, "--format", "turtle", NSTemporaryDirectory()], mentioning: "directory")
        try expectFailure(["store", "drop", "--store", store, "http://example.org/absent"], mentioning: "no graph")
    }

    /// A graph named on the command line must be an absolute IRI, and `--graph` cannot override
    /// the graphs an N-Quads or TriG file names.
    func testGraphArgumentsAreChecked() throws {
        try CoAttCommand.requireBinary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("s.store").path
        let ttl = folder.appendingPathComponent("t.ttl").path, nq = folder.appendingPathComponent("q.nq").path
        try Data("<http://e/a> <http://e/p> 1 .\n".utf8).write(to: URL(fileURLWithPath: ttl))
        try Data("<http://e/a> <http://e/p> 1 <http://e/g> .\n".utf8).write(to: URL(fileURLWithPath: nq))
        for bad in ["not an iri <>", "", "relative"] {
            try expectFailure(["load", "--store", store, "--graph", bad, ttl], mentioning: "absolute IRI")
            try expectFailure(["store", "dump", "--store", store, bad], mentioning: "absolute IRI")
            try expectFailure(["store", "drop", "--store", store, bad], mentioning: "absolute IRI")
        }
        try expectFailure(["load", "--store", store, "--graph", "http://e/x", nq], mentioning: "name their own graphs")
        let graphs = try CoAttCommand.run(["store", "graphs", "--store", store])
        XCTAssertEqual(graphs.status, 0, graphs.stderr)
        XCTAssertEqual(graphs.stdout, "", "nothing was loaded")
    }
}
