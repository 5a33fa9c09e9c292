import Foundation

/// One query-evaluation test from a W3C manifest: a query, its dataset and the expected results.
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
    /// `qt:query`.
    public var query: URL
    /// `qt:data` files, loaded into the default graph.
    public var data: [URL]
    /// `qt:graphData` files, each loaded into a named graph called by its file URL.
    public var namedGraphs: [URL]
    /// `mf:result`: the expected results.
    public var result: URL
    /// `mf:resultCardinality mf:LaxCardinality`: duplicates may be dropped (REDUCED).
    public var laxCardinality: Bool
    /// Local name of `dawgt:approval` (`Approved`, `Proposed`, …), if given.
    public var approval: String?
    /// Local names of `mf:requires` features (`LangTagAwareness`, …) the test assumes.
    public var requirements: [String]
    /// Why no engine here can run the test (entailment regimes, SERVICE endpoints), or nil.
    public var unsupportedReason: String?

    /// Approval status and required features, when they qualify a result; empty otherwise.
    public var qualifiers: String {
        var notes: [String] = []
        if let approval, approval != "Approved" { notes.append("approval: \(approval)") }
        if !requirements.isEmpty { notes.append("requires: " + requirements.joined(separator: ", ")) }
        return notes.joined(separator: "; ")
    }
}
