import Foundation
import RDFModel
import Redland
import Store
import XCTest

/// SPARQL Update LOAD against a real HTTP server on 127.0.0.1 (Python's http.server), with the
/// allow-list admitting it: documents load, redirects and failures are handled.
final class UpdateLoadTests: XCTestCase {
    private var folder: URL!
    private var store: Store!
    private var server: Process!
    private var base = ""

    /// Serves `folder/www`; `/redirect?to=URL` answers 302 to URL.
    private let serverScript = """
        import http.server, sys, os, urllib.parse
        os.chdir(sys.argv[1])
        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self):
                url = urllib.parse.urlparse(self.path)
                if url.path == '/redirect':
                    self.send_response(302)
                    self.send_header('Location', urllib.parse.parse_qs(url.query)['to'][0])
                    self.end_headers()
                    return
                super().do_GET()
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-load-\(UUID().uuidString)")
        let www = folder.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        try Data("""
            @prefix ex: <http://example.org/> .
            ex:a ex:name "A" ; ex:knows <b> .
            """.utf8).write(to: www.appendingPathComponent("people.ttl"))
        try Data("<http://example.org/c> <http://example.org/name> \"C\" .\n".utf8).write(to: www.appendingPathComponent("c.nt"))
        try Data("@prefix ex: <http://example.org/> .\nex:a ex:name \"A\" .\nex:b ex:name .\n".utf8)
            .write(to: www.appendingPathComponent("broken.ttl"))

        server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-c", serverScript, www.path]
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        let port = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(port.isEmpty, "the test server did not start")
        base = "http://127.0.0.1:\(port)/"
        store = try Store(.directory(folder.appendingPathComponent("s.store").path))
    }

    override func tearDownWithError() throws {
        server?.terminate()
        server?.waitUntilExit()
        store = nil
        try? FileManager.default.removeItem(at: folder)
    }

    private var allowed: RemotePolicy { RemotePolicy(allowList: [base]) }

    @discardableResult
    private func update(_ text: String, policy: RemotePolicy? = nil) throws -> UpdateSummary {
        try store.update(text, baseIRI: nil, policy: policy ?? allowed)
    }

    private func count(_ graph: RDFTerm?) throws -> Int { try store.triples(inGraph: graph).count }

    func testLoadIntoAGraphAndIntoTheDefaultGraph() throws {
        XCTAssertEqual(try update("LOAD <\(base)people.ttl> INTO GRAPH <http://example.org/g>").inserted, 2)
        // Relative IRIs resolve against the document's IRI.
        XCTAssertTrue(try store.triples(inGraph: .iri("http://example.org/g")).contains { $0.object == .iri(base + "b") })
        XCTAssertEqual(try update("LOAD <\(base)c.nt>").inserted, 1)
        XCTAssertEqual(try count(nil), 1)
    }

    func testARedirectOutsideTheAllowListIsRefused() throws {
        let elsewhere = "http://127.0.0.2:1/secret.ttl"
        XCTAssertThrowsError(try update("INSERT DATA { <http://example.org/x> <http://example.org/y> 1 } ; LOAD <\(base)redirect?to=\(elsewhere)>")) { error in
            XCTAssertTrue(error is UpdateRefused, "\(error)")
            XCTAssertTrue("\(error)".contains(elsewhere), "\(error)")
        }
        XCTAssertEqual(try count(nil), 0)
        // A redirect that stays on the allow-list is followed.
        XCTAssertEqual(try update("LOAD <\(base)redirect?to=\(base)c.nt>").inserted, 1)
    }

    func testAFailedLoadChangesNothingAndSilentIgnoresIt() throws {
        for document in ["broken.ttl", "missing.ttl"] {
            XCTAssertThrowsError(try update("INSERT DATA { <http://example.org/x> <http://example.org/y> 1 } ; LOAD <\(base)\(document)>")) { error in
                XCTAssertTrue(error is UpdateError, "\(error)")
                XCTAssertTrue("\(error)".contains(document), "\(error)")
            }
            XCTAssertEqual(try count(nil), 0)
            XCTAssertEqual(try update("LOAD SILENT <\(base)\(document)> ; INSERT DATA { <http://example.org/x> <http://example.org/y> 1 }"),
                           UpdateSummary(inserted: 1, deleted: 0), "LOAD SILENT of \(document) adds nothing, even the part that parsed")
            try update("CLEAR ALL")
        }
        XCTAssertThrowsError(try update("LOAD <\(base)broken.ttl>")) { error in
            XCTAssertTrue("\(error)".contains("line 3"), "the parse error keeps its line: \(error)")
        }
    }
}
