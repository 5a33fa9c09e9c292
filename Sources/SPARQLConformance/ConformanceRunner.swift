import Foundation
import RDFModel
import SPARQLResults

/// Runs the W3C SPARQL query- and update-evaluation tests against a command-line engine.
///
/// Each test runs the engine as its own process with a time limit, so a crash or a hang only
/// costs that test. The expected results are read in-process (Turtle and RDF/XML through `rapper`).
public struct ConformanceRunner: Sendable {
    /// The folder holding `sparql10` and `sparql11` (the W3C `sparql-tests` folder).
    public var suiteRoot: URL
    /// The engine under test.
    public var engine: Engine
    /// Per-test time limit in seconds.
    public var timeout: TimeInterval
    /// How many tests run at once.
    public var parallelism: Int
    /// Top-level manifests, relative to `suiteRoot`; their `mf:include`s are followed.
    public var entryManifests: [String]

    /// Creates a runner; by default every SPARQL 1.0 and 1.1 manifest is visited.
    public init(suiteRoot: URL, engine: Engine, timeout: TimeInterval = 20,
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                entryManifests: [String] = ["sparql10/manifest.ttl", "sparql11/manifest-all.ttl"]) {
        self.suiteRoot = suiteRoot
        self.engine = engine
        self.timeout = timeout
        self.parallelism = parallelism
        self.entryManifests = entryManifests
    }

    /// Every query-evaluation test reachable from the entry manifests, in manifest order.
    public func loadTests() throws -> [ConformanceTest] {
        try ManifestLoader(suiteRoot: suiteRoot, rapper: Rapper())
            .tests(from: entryManifests.map { suiteRoot.appendingPathComponent($0) })
    }

    /// Runs every test (or just `tests`), calling `progress` as each finishes (from any thread).
    public func run(_ tests: [ConformanceTest]? = nil,
                    progress: (@Sendable (TestOutcome) -> Void)? = nil) throws -> ConformanceReport {
        let started = Date()
        let tests = try tests ?? loadTests()
        guard let executable = Subprocess.locate(engine.path) else {
            throw ConformanceError("\(engine.name) executable not found: \(engine.path)")
        }
        let context = TestContext(engine: engine, executable: executable, rapper: try Rapper(), timeout: timeout)
        let outcomes = OutcomeSlots(count: tests.count)
        let next = OutcomeSlots.Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(parallelism, tests.count))) { _ in
            while let index = next.take(below: tests.count) {
                let outcome = context.run(tests[index])
                outcomes.store(outcome, at: index)
                progress?(outcome)
            }
        }
        return ConformanceReport(engine: engine.name, outcomes: outcomes.all, duration: Date().timeIntervalSince(started))
    }
}

/// Everything needed to run one test, shared by the worker threads.
private struct TestContext: Sendable {
    let engine: Engine
    let executable: String
    let rapper: Rapper
    let timeout: TimeInterval

    func run(_ test: ConformanceTest) -> TestOutcome {
        let started = Date()
        let (status, reason) = evaluate(test)
        return TestOutcome(test: test, status: status, reason: reason, duration: Date().timeIntervalSince(started))
    }

    private func evaluate(_ test: ConformanceTest) -> (TestStatus, String?) {
        if let unsupported = test.unsupportedReason { return (.skipped, unsupported) }
        switch test.expected {
        case .results(let file): return evaluateQuery(test, expecting: file)
        case .dataset(let defaultGraph, let namedGraphs): return evaluateUpdate(test, expecting: defaultGraph, namedGraphs)
        }
    }

    /// Runs the engine with `arguments`; the standard output of a run that exited with 0, or
    /// the status and reason of one that did not.
    private func runEngine(_ test: ConformanceTest, _ arguments: [String]) -> Result<ProcessResult, Failure> {
        let result: ProcessResult
        do {
            result = try Subprocess.run(executable, arguments, in: test.query.deletingLastPathComponent(), timeout: timeout)
        } catch {
            return .failure(Failure(status: .error, reason: "could not start \(engine.name): \(error)"))
        }
        switch result.termination {
        case .timedOut: return .failure(Failure(status: .timeout, reason: "killed after \(Int(timeout)) s"))
        case .signalled(let signal): return .failure(Failure(status: .error, reason: "crashed with signal \(signal)" + result.stderr.reasonSuffix))
        case .exited(let status) where status != 0: return .failure(Failure(status: .error, reason: "exit status \(status)" + result.stderr.reasonSuffix))
        case .exited: return .success(result)
        }
    }

    private struct Failure: Error {
        let status: TestStatus
        let reason: String
    }

    /// An update test: the dataset the engine prints after the request against the one expected,
    /// graphs compared up to blank-node renaming.
    private func evaluateUpdate(_ test: ConformanceTest, expecting defaultGraph: [URL], _ namedGraphs: [GraphFile]) -> (TestStatus, String?) {
        guard let arguments = engine.updateArguments(for: test) else { return (.skipped, "\(engine.name) runs no SPARQL Update") }
        let expected: [Quad]
        do {
            expected = try defaultGraph.flatMap { try rapper.quads(of: $0) }
                + namedGraphs.flatMap { graph in try rapper.quads(of: graph.file).map { Quad($0.subject, $0.predicate, $0.object, graph: .iri(graph.name)) } }
        } catch {
            return (.error, "cannot read the test's files: \(error)")
        }
        let result: ProcessResult
        switch runEngine(test, arguments) {
        case .success(let success): result = success
        case .failure(let failure): return (failure.status, failure.reason)
        }
        let actual: [Quad]
        do {
            actual = try NTriplesReader.quads(from: String(decoding: result.stdout, as: UTF8.self))
        } catch {
            return (.error, "unreadable output: \(error)" + result.stderr.reasonSuffix)
        }
        guard let difference = resultsDifference(expected: .graph(expected), actual: .graph(actual), options: ComparisonOptions()) else {
            return (.pass, nil)
        }
        return (.fail, difference)
    }

    /// A query test: the engine's results against the expected ones.
    private func evaluateQuery(_ test: ConformanceTest, expecting resultsFile: URL) -> (TestStatus, String?) {
        let expected: (outcome: QueryOutcome, fidelity: ResultsFidelity)
        let queryText: String
        do {
            expected = try ExpectedResults.load(resultsFile, rapper: rapper)
            queryText = try String(contentsOf: test.query, encoding: .utf8)
        } catch {
            return (.error, "cannot read the test's files: \(error)")
        }
        let expectsGraph = if case .graph = expected.outcome { true } else { false }
        var arguments = engine.arguments(for: test, expectsGraph: expectsGraph)
        var endpoints: TestEndpoints?
        defer { endpoints?.stop() }
        if case .coatt = engine, !test.serviceData.isEmpty || !TestEndpoints.serviceIRIs(in: queryText).isEmpty {
            do {
                endpoints = try TestEndpoints(for: test, coatt: executable, query: queryText, timeout: timeout)
            } catch {
                return (.error, "\(error)")
            }
            arguments += endpoints!.arguments
        } else if !test.serviceData.isEmpty {
            return (.skipped, "\(engine.name) cannot be given endpoints to ask for SERVICE")
        }
        let result: ProcessResult
        switch runEngine(test, arguments) {
        case .success(let success): result = success
        case .failure(let failure): return (failure.status, failure.reason)
        }
        let actual: QueryOutcome
        do {
            actual = try engine.outcome(from: result.stdout, expectsGraph: expectsGraph)
        } catch {
            return (.error, "unreadable output: \(error)" + result.stderr.reasonSuffix)
        }
        // The suites' README: "equal literal nodes that are compared by value".
        let options = ComparisonOptions(ordered: queryText.ordersSolutions, laxCardinality: test.laxCardinality,
                                        fidelity: expected.fidelity, literalsByValue: true)
        guard let difference = resultsDifference(expected: expected.outcome, actual: actual, options: options) else {
            return (.pass, nil)
        }
        return (.fail, difference)
    }
}

extension String {
    /// Whether a query has ORDER BY anywhere, which makes solution order part of the expected result.
    var ordersSolutions: Bool {
        range(of: #"order\s+by"#, options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// `: <first line of stderr>`, or nothing when stderr is empty.
    fileprivate var reasonSuffix: String {
        let line = firstLine
        return line.isEmpty ? "" : ": " + line
    }
}
