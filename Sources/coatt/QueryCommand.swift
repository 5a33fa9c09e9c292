import ArgumentParser
import Foundation
import RDFModel
import Redland
import SPARQLProtocol
import SPARQLResults
import Store

/// `coatt query 'SPARQL' | --file Q.rq`
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the store.",
        discussion: """
        With --data/--named the query runs over those files in a temporary in-memory store instead \
        (like roqet -D/-G). SERVICE asks only endpoints under an --allow prefix. Result formats: table \
        (default), json, xml, csv, tsv for SELECT/ASK; turtle (default), ntriples, rdfxml for \
        CONSTRUCT/DESCRIBE.
        """)

    @OptionGroup var storeOption: StoreOption

    @OptionGroup var sparql: SPARQLTextOptions

    @Option(help: "Output format: table, json, xml, csv, tsv; turtle, ntriples, rdfxml.")
    var format: String?

    @OptionGroup var files: DatasetFilesOptions

    @OptionGroup var remoteAccess: RemoteAccessOptions

    func validate() throws {
        if let format, OutputFormat(format) == nil {
            throw ValidationError("unknown format '\(format)': use table, json, xml, csv, tsv, turtle, ntriples or rdfxml")
        }
    }

    func run() throws {
        let baseIRI = sparql.baseIRI
        try CrashIsolation.runReportingErrors("this query") {
            let query = try sparql.read(as: "query")
            let answer = try sparql.namingTheFile {
                let store = try openDataset(for: query, baseIRI: baseIRI)
                store.remotePolicy = remoteAccess.policy
                return try store.query(query, baseIRI: baseIRI)
            }
            try ResultPrinter(format: format.flatMap(OutputFormat.init)).print(answer)
        }
    }

    /// The store to query: the user's, or for --data/--named a temporary one whose default graph
    /// is its own (not the union of the named graphs), as with roqet -D/-G. A temporary store
    /// (also `--store memory`) first loads the local files the query names in FROM/FROM NAMED.
    private func openDataset(for sparql: String, baseIRI: String?) throws -> Store {
        let store = files.dataset.isEmpty ? try storeOption.openExisting() : try files.dataset.makeStore()
        if store.location == .memory { try loadQueryDataset(into: store, sparql, baseIRI: baseIRI) }
        return store
    }

    /// Loads each `file:` IRI of the query's FROM/FROM NAMED that is not yet a graph of `store`
    /// into a graph of that name. Only for throwaway stores: a user's store never loads anything
    /// because of a query, and nothing is ever fetched from the network.
    private func loadQueryDataset(into store: Store, _ sparql: String, baseIRI: String?) throws {
        let iris = try store.datasetIRIs(of: sparql, baseIRI: baseIRI)
        guard !iris.isEmpty else { return }
        var graphs = Set(try store.graphSizes().compactMap(\.graph))
        for iri in iris where !graphs.contains(.iri(iri)) {
            guard let url = URL(string: iri), url.isFileURL, FileManager.default.fileExists(atPath: url.path),
                  let format = RDFFormat(path: url.path) else { continue }
            try store.load(file: url.path, format: format, graph: .iri(iri))
            graphs.insert(.iri(iri))
        }
    }

}
