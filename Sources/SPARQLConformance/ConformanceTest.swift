import Foundation

/// One evaluation test from a W3C manifest: a query and its expected results, or an update
/// request and the dataset expected after it, each with the dataset it starts from.
public struct ConformanceTest: Sendable, Equatable {
    /// Stable identifier: the manifest's folder relative to the suite root plus the test's local
    /// name, e.g. `sparql11/aggregates/agg01`. Expected-failure files use it.
    public var id: String
    /// The manifest's folder relative to the suite root, e.g. `sparql11/aggregates`.
    public var folder: String
    /// The test's IRI in the manifest.
    public var iri: String
    /// `mf:name`.
    public var name: String
    /// `qt:query`, or an update test's `ut:request`.
    public var query: URL
    /// `qt:data` (`ut:data`) files, loaded into the default graph.
    public var data: [URL]
    /// `qt:graphData` files, each loaded into a named graph called by its file URL; an update
    /// test's `ut:graphData`, each named by its `rdfs:label`.
    public var namedGraphs: [GraphFile]
    /// `qt:serviceData`: the endpoints SERVICE asks, each with the data it serves.
    public var serviceData: [ServiceData] = []
    /// `mf:result`.
    public var expected: Expectation
    /// `mf:resultCardinality mf:LaxCardinality`: duplicates may be dropped (REDUCED).
    public var laxCardinality: Bool
    /// Local name of `dawgt:approval` (`Approved`, `Proposed`, …), if given.
    public var approval: String?
    /// Local names of `mf:requires` features (`LangTagAwareness`, …) the test assumes.
    public var requirements: [String]
    /// Why no engine here can run the test (entailment regimes), or nil.
    public var unsupportedReason: String?

    /// Approval status and required features, when they qualify a result; empty otherwise.
    public var qualifiers: String {
        var notes: [String] = []
        if let approval, approval != "Approved" { notes.append("approval: \(approval)") }
        if !requirements.isEmpty { notes.append("requires: " + requirements.joined(separator: ", ")) }
        return notes.joined(separator: "; ")
    }
}

/// An endpoint a test's SERVICE asks, and the files of its default graph.
public struct ServiceData: Sendable, Equatable {
    public var endpoint: String
    public var data: [URL]
}

/// A file loaded into a named graph.
public struct GraphFile: Sendable, Equatable {
    /// The graph's IRI.
    public var name: String
    public var file: URL
}

/// What a test's `mf:result` expects.
public enum Expectation: Sendable, Equatable {
    /// A query's results file (or graph, for CONSTRUCT and DESCRIBE).
    case results(URL)
    /// The dataset after an update (`mf:UpdateEvaluationTest`): the default graph's files and the
    /// named graphs.
    case dataset(defaultGraph: [URL], namedGraphs: [GraphFile])

    /// The results file of a query test.
    var resultsFile: URL? { if case .results(let file) = self { file } else { nil } }
}
