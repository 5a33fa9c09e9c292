import Foundation
import SharedTestPaths
import XCTest

/// `coatt update`: a request on a store directory, or on files in a temporary store it can dump.
final class UpdateCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        try CoAttCommand.requireBinary()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-update-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// `--file -` (and /dev/stdin) read standard input, in the crash-isolation child that runs
    /// the work: the parent reads nothing of it.
    func testTheTextCanComeOnStandardInput() throws {
        for (arguments, text, expected) in [
            (["update", "--store", "memory", "--dump", "--file", "-"], "INSERT DATA { <http://ex/a> <http://ex/p> 1 }",
             "<http://ex/a> <http://ex/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"),
            (["query", "--store", "memory", "--format", "csv", "--file", "/dev/stdin"], "SELECT (2 AS ?n) {}", "n\r\n2\r\n"),
        ] {
            let process = Process()
            process.executableURL = try SharedTestPaths.coattBinary()
            process.arguments = arguments
            let (input, output) = (Pipe(), Pipe())
            (process.standardInput, process.standardOutput, process.standardError) = (input, output, FileHandle.nullDevice)
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            let printed = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, arguments.joined(separator: " "))
            XCTAssertEqual(String(decoding: printed, as: UTF8.self), expected)
        }
    }

    func testARequestChangesTheStoreAndAFailedOneNothing() throws {
        let store = folder.appendingPathComponent("s.store").path
        let insert = try CoAttCommand.run(["update", "--store", store, "INSERT DATA { <http://ex/a> <http://ex/p> 1, 2 }"])
        XCTAssertEqual(insert.status, 0, insert.stderr)
        XCTAssertEqual(insert.stdout, "inserted 2, deleted 0\n")
        let broken = try CoAttCommand.run(["update", "--store", store, "DELETE WHERE { ?s ?p ?o } ; INSERT DATA { <http://ex/a> }"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("syntax error"), broken.stderr)
        let count = try CoAttCommand.run(["query", "--store", store, "--format", "csv", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"])
        XCTAssertEqual(count.stdout, "n\r\n2\r\n", "the failed request changed nothing: \(count.stderr)")
        let empty = try CoAttCommand.run(["update", "--store", store, "  # nothing"])
        XCTAssertTrue(empty.stderr.contains("empty update request"), empty.stderr)
    }

    func testDumpPrintsTheTemporaryStoreAfterTheRequest() throws {
        let data = folder.appendingPathComponent("d.ttl"), named = folder.appendingPathComponent("g.ttl")
        try "<http://ex/a> <http://ex/p> 1 .".write(to: data, atomically: true, encoding: .utf8)
        try "<http://ex/b> <http://ex/p> 2 .".write(to: named, atomically: true, encoding: .utf8)
        let result = try CoAttCommand.run(["update", "--data", data.path, "--named", "http://ex/g=" + named.path, "--dump",
                                           "DELETE { ?s ?p ?o } INSERT { GRAPH <http://ex/h> { ?s ?p ?o } } WHERE { ?s ?p ?o }"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").sorted(), [
            #"<http://ex/a> <http://ex/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex/h> ."#,
            #"<http://ex/b> <http://ex/p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex/g> ."#,
        ], "the WHERE clause read the default graph only")
        XCTAssertTrue(result.stderr.contains("inserted 1, deleted 1"), result.stderr)
    }
}
