import Foundation
import RDFModel
import Redland
import Store

/// `--data`/`--named`: files loaded into a temporary in-memory store whose default graph is its
/// own (not the union of the named graphs), as with roqet -D/-G.
struct TemporaryDataset {
    /// Files for the default graph.
    var data: [String]
    /// Files for named graphs: `FILE`, named by its file:// IRI, or `IRI=FILE`.
    var named: [String]

    var isEmpty: Bool { data.isEmpty && named.isEmpty }

    func makeStore() throws -> Store {
        let store = try Store(.memory, defaultGraph: .defaultOnly)
        for path in data {
            try store.write { add in
                try RDFParser(blankNodePrefix: "d_").parse(file: path, format: try Self.format(of: path), graph: nil, emit: add)
            }
        }
        for argument in named {
            let (graph, path) = Self.graphAndPath(argument)
            try store.load(file: path, format: try Self.format(of: path), graph: graph)
        }
        return store
    }

    /// `IRI=FILE` when what comes before the first `=` is an absolute IRI; otherwise the whole
    /// argument is the file, and the store names the graph by its file:// IRI.
    static func graphAndPath(_ argument: String) -> (graph: RDFTerm?, path: String) {
        guard let equals = argument.firstIndex(of: "="), GraphIRI.isAbsolute(String(argument[..<equals])) else { return (nil, argument) }
        return (.iri(String(argument[..<equals])), String(argument[argument.index(after: equals)...]))
    }

    static func format(of path: String) throws -> RDFFormat {
        guard let format = RDFFormat(path: path) else { throw CommandFailure("\(path): unknown RDF format") }
        return format
    }
}
