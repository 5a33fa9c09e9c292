import Foundation
import SharedTestPaths
import XCTest

/// Runs the Python client scripts in `clients/` with the project's virtual environment and turns
/// their check log (`PASS name` / `FAIL name: why` / `SKIP name: why`, then `summary: …`) into
/// test failures, one per failed check.
enum PythonClients {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("clients")

    /// The venv's python with SPARQLWrapper and rdflib, and curl; skips the test, naming what is missing.
    static func python() throws -> String {
        let python = SharedTestPaths.packageRoot.appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("no Python venv at \(python): run scripts/bootstrap.sh")
        }
        let imports = try Subprocess.run(python, ["-c", "import SPARQLWrapper, rdflib"])
        guard imports.status == 0 else {
            throw XCTSkip("SPARQLWrapper or rdflib missing in \(python): run scripts/bootstrap.sh (\(imports.output))")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { throw XCTSkip("curl not installed") }
        return python
    }

    /// Runs `script` against `server` with `arguments`; fails the test for every failed check.
    @discardableResult
    static func run(_ script: String, against server: ServedStore, _ arguments: [String],
                    file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let python = try python()
        let outcome = try Subprocess.run(python, [folder.appendingPathComponent(script).path, "--query-url", server.queryURL] + arguments,
                                         environment: ["COATT_UPDATE_TOKEN": ServedStore.token], directory: folder)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        guard lines.contains(where: { $0.hasPrefix("summary: ") }) else {
            XCTFail("\(script) did not finish (exit \(outcome.status)):\n\(outcome.output)\nserver log:\n\(server.serverLog)", file: file, line: line)
            return lines
        }
        for failure in lines where failure.hasPrefix("FAIL ") {
            XCTFail("\(script): \(failure)", file: file, line: line)
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("PASS ") }, "\(script) passed no check", file: file, line: line)
        XCTAssertTrue(server.isRunning, "the server died during \(script):\n\(server.serverLog)", file: file, line: line)
        return lines
    }
}
