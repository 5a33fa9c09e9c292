import Foundation
@testable import SPARQLConformance
import SPARQLResults
import SharedTestPaths
import XCTest

/// Where the package, the shared test data and the built tool live.
private enum Locations {
    static let packageRoot = SharedTestPaths.packageRoot

    static let expectedFailures = packageRoot.appendingPathComponent("Tests/CommandLineTests/sparql-expected-failures.txt")
    static let roqetBaseline = packageRoot.appendingPathComponent("Tests/CommandLineTests/roqet-baseline.txt")

    /// The W3C suite: `$COATT_DATA/sparql-tests`, by default `<package root>/../shared/data/sparql-tests`.
    static func suiteRoot() throws -> URL {
        let suite = SharedTestPaths.dataRoot.appendingPathComponent("sparql-tests")
        guard FileManager.default.fileExists(atPath: suite.appendingPathComponent("sparql11/manifest-all.ttl").path) else {
            throw XCTSkip("W3C SPARQL tests not found at \(suite.path); set COATT_DATA to the folder holding sparql-tests/")
        }
        return suite
    }

    /// An executable from `$variable`, else `fallback`; skips the test when neither exists.
    static func executable(_ variable: String, default fallback: String) throws -> String {
        let path = ProcessInfo.processInfo.environment[variable] ?? fallback
        guard Subprocess.locate(path) != nil else {
            throw XCTSkip("\(path) not found; build it or set \(variable) to its path")
        }
        return path
    }
}

/// Runs the whole W3C suite; failures not in the expected-failures file fail the test.
final class ConformanceTests: XCTestCase {
    /// `coatt` must pass everything except the listed tests, and every listed test must still fail.
    /// Set `COATT_UPDATE_EXPECTED_FAILURES=1` to rewrite the list from this run instead.
    func testCoattMatchesExpectedFailures() throws {
        let suite = try Locations.suiteRoot()
        let coatt = try SharedTestPaths.coattBinary().path
        try checkRun(ConformanceRunner(suiteRoot: suite, engine: .coatt(path: coatt)), against: Locations.expectedFailures,
                     updateVariable: "COATT_UPDATE_EXPECTED_FAILURES",
                     header: ["Conformance tests coatt may fail; the test fails if one of these passes or another fails.",
                              "Regenerate: COATT_UPDATE_EXPECTED_FAILURES=1 swift test --filter ConformanceTests"])
    }

    /// `roqet` is the ceiling `coatt` is compared against (both query through Rasqal); this keeps
    /// its recorded baseline honest. Set `COATT_UPDATE_ROQET_BASELINE=1` to rewrite it.
    func testRoqetMatchesBaseline() throws {
        let suite = try Locations.suiteRoot()
        let roqet = try Locations.executable("ROQET_BIN", default: "roqet")
        try checkRun(ConformanceRunner(suiteRoot: suite, engine: .roqet(path: roqet)), against: Locations.roqetBaseline,
                     updateVariable: "COATT_UPDATE_ROQET_BASELINE",
                     header: ["Conformance tests roqet (rasqal-utils \(roqetVersion(roqet))) fails: the ceiling for coatt.",
                              "Regenerate: COATT_UPDATE_ROQET_BASELINE=1 swift test --filter ConformanceTests"])
    }

    private func checkRun(_ runner: ConformanceRunner, against file: URL, updateVariable: String, header: [String]) throws {
        let report = try runner.run()
        print(report.summary())
        let passed = report.count(.pass), ran = report.outcomes.count - report.count(.skipped)
        let statistics = "\(report.engine) passed \(passed) of \(ran) runnable tests (\(report.outcomes.count) in the suite, "
            + "\(report.count(.skipped)) skipped: entailment regimes, SERVICE\(report.engine == "roqet" ? ", SPARQL Update" : "")); run took \(String(format: "%.0f", report.duration)) s."
        if ProcessInfo.processInfo.environment[updateVariable] != nil {
            try ExpectedFailures.fileText(for: report, header: header + [statistics]).write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let check = try ExpectedFailures(contentsOf: file).check(report)
        for outcome in check.unexpectedFailures {
            XCTFail("not in \(file.lastPathComponent): \(outcome.line)")
        }
        for id in check.unexpectedPasses {
            XCTFail("\(id) passes now: remove it from \(file.lastPathComponent)")
        }
        for id in check.unknownIDs {
            XCTFail("\(file.lastPathComponent) lists \(id), which no manifest defines")
        }
    }

    private func roqetVersion(_ roqet: String) -> String {
        let result = try? Subprocess.run(Subprocess.locate(roqet)!, ["--version"], in: Locations.packageRoot, timeout: 10)
        return result.map { String(decoding: $0.stdout, as: UTF8.self).firstLine } ?? "unknown version"
    }
}

/// The runner's pieces, on a miniature suite and a scripted fake engine.
final class ConformanceRunnerTests: XCTestCase {
    private var suite: URL!

    override func setUpWithError() throws {
        guard Subprocess.locate("rapper") != nil else { throw XCTSkip("rapper (raptor2-utils) is not installed") }
        suite = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        let folder = suite.appendingPathComponent("mini")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = [
            "manifest.ttl": """
            @prefix mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#> .
            @prefix qt: <http://www.w3.org/2001/sw/DataAccess/tests/test-query#> .
            @prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
            <> a mf:Manifest ; mf:entries ( <#good> <#wrong> <#crash> <#hang> <#entailed> <#syntax> ) .
            <#good> a mf:QueryEvaluationTest ; mf:name "good" ;
                mf:action [ qt:query <good.rq> ; qt:data <data.ttl> ] ; mf:result <good.srj> .
            <#wrong> a mf:QueryEvaluationTest ; mf:name "wrong" ;
                mf:action [ qt:query <wrong.rq> ; qt:data <data.ttl> ] ; mf:result <good.srj> .
            <#crash> a mf:QueryEvaluationTest ; mf:name "crash" ;
                mf:action [ qt:query <crash.rq> ] ; mf:result <good.srj> .
            <#hang> a mf:QueryEvaluationTest ; mf:name "hang" ;
                mf:action [ qt:query <hang.rq> ] ; mf:result <good.srj> .
            <#entailed> a mf:QueryEvaluationTest ; mf:name "entailed" ;
                mf:action [ qt:query <good.rq> ; sd:entailmentRegime <http://www.w3.org/ns/entailment/RDFS> ] ; mf:result <good.srj> .
            <#syntax> a mf:PositiveSyntaxTest ; mf:action <good.rq> .
            """,
            "data.ttl": "<http://e/a> <http://e/p> \"1\" .\n",
            "good.rq": "SELECT * { ?s ?p ?o }",
            "wrong.rq": "SELECT * { ?s ?p ?o } # answered wrongly by the fake engine",
            "crash.rq": "", "hang.rq": "",
            "good.srj": """
            {"head":{"vars":["s","p","o"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://e/a"},
             "p":{"type":"uri","value":"http://e/p"},"o":{"type":"literal","value":"1"}}]}}
            """,
            "wrong.srj": #"{"head":{"vars":["s","p","o"]},"results":{"bindings":[]}}"#,
            // Stands in for `coatt query --file Q.rq …`: answers with the .srj next to the query.
            "fake-coatt": """
            #!/bin/sh
            while [ "$1" != "--file" ]; do shift; done
            case "$2" in
              *crash.rq) kill -SEGV $$ ;;
              *hang.rq) exec sleep 30 ;;
              *) cat "${2%.rq}.srj" ;;
            esac
            """,
        ]
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.appendingPathComponent("fake-coatt").path)
    }

    override func tearDownWithError() throws {
        if let suite { try? FileManager.default.removeItem(at: suite) }
    }

    private func runMiniSuite() throws -> ConformanceReport {
        let engine = Engine.coatt(path: suite.appendingPathComponent("mini/fake-coatt").path)
        return try ConformanceRunner(suiteRoot: suite, engine: engine, timeout: 1, entryManifests: ["mini/manifest.ttl"]).run()
    }

    func testStatusesOfPassWrongCrashHangAndSkip() throws {
        let report = try runMiniSuite()
        XCTAssertEqual(report.outcomes.map(\.test.id), ["mini/good", "mini/wrong", "mini/crash", "mini/hang", "mini/entailed"],
                       "only query-evaluation tests, in manifest order")
        XCTAssertEqual(report.outcomes.map(\.status), [.pass, .fail, .error, .timeout, .skipped])
        XCTAssertEqual(report.outcomes[1].reason, "expected 1 solution, got 0; missing { ?s=<http://e/a> ?p=<http://e/p> ?o=\"1\" }")
        XCTAssertEqual(report.outcomes[2].reason, "crashed with signal 11")
        XCTAssertLessThan(report.outcomes[3].duration, 10, "the hanging engine is killed")
        XCTAssertEqual(report.perFolder(), [FolderSummary(folder: "mini", counts: [.pass: 1, .fail: 1, .error: 1, .timeout: 1, .skipped: 1])])
        XCTAssertTrue(report.summary().contains("mini    passed 1/4 (fail 1, error 1, timeout 1, skipped 1)"), report.summary())
    }

    func testExpectedFailuresRoundTripAndCheck() throws {
        let report = try runMiniSuite()
        let text = ExpectedFailures.fileText(for: report, header: ["header"])
        XCTAssertEqual(text.split(separator: "\n").map { $0.prefix(41) }, [
            "# header",
            "mini/wrong  # wrong answer — expected 1 s",
            "mini/crash  # crash — crashed with signal",
            "mini/hang   # timeout — killed after 1 s",
        ])
        XCTAssertTrue(ExpectedFailures(parsing: text).check(report).isClean)

        let stale = ExpectedFailures(parsing: "# comment\nmini/good # used to fail\nmini/wrong\nmini/gone # renamed\n")
        let check = stale.check(report)
        XCTAssertEqual(check.unexpectedFailures.map(\.test.id), ["mini/crash", "mini/hang"])
        XCTAssertEqual(check.unexpectedPasses, ["mini/good"])
        XCTAssertEqual(check.unknownIDs, ["mini/gone"])
    }

    func testOrderByDetection() {
        XCTAssertTrue("SELECT * { ?s ?p ?o }\norder  by ?s".ordersSolutions)
        XCTAssertTrue("SELECT * { ?s ?p ?o } ORDER\nBY DESC(?o)".ordersSolutions)
        XCTAssertFalse("SELECT * { ?s <http://e/order> ?o }".ordersSolutions)
    }
}
