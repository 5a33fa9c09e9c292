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
        (like roqet -D/-G). Result formats: table (default), json, xml, csv, tsv for SELECT/ASK; turtle \
        (default), ntriples, rdfxml for CONSTRUCT/DESCRIBE.
        """)

    @OptionGroup var storeOption: StoreOption

    @Argument(help: "The query text (or use --file).")
    var text: String?

    @Option(name: .shortAndLong, help: "Read the query from a file.")
    var file: String?

    @Option(help: "Output format: table, json, xml, csv, tsv; turtle, ntriples, rdfxml.")
    var format: String?

    @Option(help: "Load this file into the default graph of a temporary in-memory store (repeatable).")
    var data: [String] = []

    @Option(help: "Load this file into a named graph of a temporary in-memory store: FILE (named by its file:// IRI) or IRI=FILE (repeatable).")
    var named: [String] = []

    @Option(help: "Base IRI for relative IRIs in the query.")
    var base: String?

    func validate() throws {
        if text == nil && file == nil { throw ValidationError("give the query as an argument or with --file") }
        if text != nil && file != nil { throw ValidationError("give the query either as an argument or with --file, not both") }
        if let format, OutputFormat(format) == nil {
            throw ValidationError("unknown format '\(format)': use table, json, xml, csv, tsv, turtle, ntriples or rdfxml")
        }
    }

    func run() throws {
        let sparql = try readQuery()
        guard !SPARQLText.isEmpty(sparql) else { throw CommandFailure("empty query (nothing but white space and comments)") }
        let baseIRI = base ?? file.map { URL(fileURLWithPath: $0).standardizedFileURL.absoluteString }
        let status = try CrashIsolation.run("this query") {
            do {
                let store = try openDataset(for: sparql, baseIRI: baseIRI)
                let answer = try store.query(sparql, baseIRI: baseIRI)
                try ResultPrinter(format: format.flatMap(OutputFormat.init)).print(answer)
                return 0
            } catch {
                Terminal.flush()
                Terminal.error("Error: \(error)")
                return 1
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func readQuery() throws -> String {
        if let text { return text }
        guard let file else { throw ValidationError("give the query as an argument or with --file") }
        return try TextFile.read(file, role: "query file")
    }

    /// The store to query: the user's, or for --data/--named a temporary one whose default graph
    /// is its own (not the union of the named graphs), as with roqet -D/-G. A temporary store
    /// (also `--store memory`) first loads the local files the query names in FROM/FROM NAMED.
    private func openDataset(for sparql: String, baseIRI: String?) throws -> Store {
        let files = TemporaryDataset(data: data, named: named)
        let store = files.isEmpty ? try storeOption.openExisting() : try files.makeStore()
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
