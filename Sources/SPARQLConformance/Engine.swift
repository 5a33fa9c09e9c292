import Foundation
import RDFModel
import SPARQLResults

/// A command-line SPARQL engine the runner drives, one process per test.
public enum Engine: Sendable {
    /// Rasqal's `roqet` (Debian rasqal-utils): the reference ceiling, since `coatt` also queries through Rasqal.
    case roqet(path: String)
    /// The project's own `coatt query` command.
    case coatt(path: String)

    /// A short name for reports.
    public var name: String {
        switch self {
        case .roqet: return "roqet"
        case .coatt: return "coatt"
        }
    }

    /// The executable as given (a path or a name looked up on PATH).
    var path: String {
        switch self {
        case .roqet(let path), .coatt(let path): return path
        }
    }

    /// Command-line arguments that run a query test, asking for a graph serialisation when a
    /// graph is expected.
    func arguments(for test: ConformanceTest, expectsGraph: Bool) -> [String] {
        switch self {
        case .roqet:
            // -W 0: roqet exits with status 2 after any warning, even "variable x is unused".
            // -r simple prints graph results as N-Triples. SPARQL 1.1 syntax for every test.
            return ["-q", "-W", "0", "-i", "sparql", "-r", expectsGraph ? "simple" : "xml"]
                + test.data.flatMap { ["-D", $0.path] } + test.namedGraphs.flatMap { ["-G", $0.file.path] }
                + [test.query.path]
        case .coatt:
            // --store memory: tests without qt:data must not read (or write) the user's own store.
            return ["query", "--store", "memory", "--file", test.query.path]
                + test.data.flatMap { ["--data", $0.path] } + test.namedGraphs.flatMap { ["--named", $0.file.path] }
                + ["--format", expectsGraph ? "ntriples" : "json"]
        }
    }

    /// Command-line arguments that run an update test and print the dataset after it as
    /// N-Quads; nil for an engine that runs no SPARQL Update.
    func updateArguments(for test: ConformanceTest) -> [String]? {
        switch self {
        case .roqet:
            return nil
        case .coatt:
            return ["update", "--store", "memory", "--file", test.query.path, "--dump"] + test.data.flatMap { ["--data", $0.path] }
                + test.namedGraphs.flatMap { ["--named", $0.name + "=" + $0.file.path] }
        }
    }

    /// The outcome the engine printed on standard output.
    func outcome(from output: Data, expectsGraph: Bool) throws -> QueryOutcome {
        if expectsGraph {
            return .graph(try NTriplesReader.quads(from: String(decoding: output, as: UTF8.self)))
        }
        switch self {
        case .roqet: return try XMLResultsReader.read(output)
        case .coatt: return try JSONResultsReader.read(output)
        }
    }
}
