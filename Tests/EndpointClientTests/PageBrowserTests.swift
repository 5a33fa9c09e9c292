import Foundation
import XCTest

/// The endpoint's page (`/`, issue 7 part 6) in a real headless Chromium (Debian's `chromium`,
/// installed by scripts/bootstrap.sh), driven by clients/page_in_browser.py: a post typed into the
/// page comes back with its entities highlighted (checked in the DOM and in a screenshot's pixels),
/// and a SPARQL query comes back as a table. The server's workers load ``TinyTagger``.
final class PageBrowserTests: XCTestCase {
    static let chromium = ProcessInfo.processInfo.environment["COATT_CHROMIUM"] ?? "/usr/bin/chromium"

    func testThePageHighlightsEntitiesAndRunsQueriesInChromium() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.chromium) else {
            throw XCTSkip("no Chromium at \(Self.chromium): run scripts/bootstrap.sh (or set $COATT_CHROMIUM)")
        }
        let tagger = try TinyTagger.folder()
        let server = try await ServedStore(loading: [PythonClients.folder.appendingPathComponent("sample.ttl")], timeoutSeconds: 20,
                                           arguments: ["--ner-model", tagger.path])
        defer { server.stop() }
        let screenshot = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-page-\(UUID().uuidString).png")
        try PythonClients.run("page_in_browser.py", against: server, ["--chromium", Self.chromium, "--screenshot", screenshot.path])
        XCTAssertTrue(FileManager.default.fileExists(atPath: screenshot.path), "Chromium wrote no screenshot")
        // Kept for a person to look at when a check failed.
        if testRun?.hasSucceeded == true {
            try? FileManager.default.removeItem(at: screenshot)
        } else {
            print("the page's screenshot is kept at \(screenshot.path)")
        }
    }
}
