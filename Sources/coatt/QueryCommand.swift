import ArgumentParser
import Foundation
import RDFModel
import Redland
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

    @Option(help: "Load this file into a named graph (its file:// IRI) of a temporary in-memory store (repeatable).")
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
        guard !sparql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CommandFailure("empty query")
        }
        let baseIRI = base ?? file.map { URL(fileURLWithPath: $0).standardizedFileURL.absoluteString }
        let status = try CrashIsolation.run("this query") {
            do {
                let store = try openDataset()
                let answer = try store.query(sparql, baseIRI: baseIRI)
                try ResultPrinter(format: format.flatMap(OutputFormat.init)).print(answer)
                return 0
            } catch {
                Terminal.flush()
                Terminal.error("error: \(error)")
                return 1
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func readQuery() throws -> String {
        if let text { return text }
        guard let file, let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("cannot read query file \(file ?? "")")
        }
        guard let sparql = String(data: data, encoding: .utf8) else { throw CommandFailure("\(file): not UTF-8") }
        return sparql
    }

    private func openDataset() throws -> Store {
        guard !data.isEmpty || !named.isEmpty else { return try storeOption.open() }
        let store = try Store(.memory)
        for path in data {
            let graph: RDFTerm? = nil
            try store.write { add in
                try RDFParser(blankNodePrefix: "d_").parse(file: path, format: try format(of: path), graph: graph, emit: add)
            }
        }
        for path in named { _ = try store.load(file: path, format: try format(of: path)) }
        return store
    }

    private func format(of path: String) throws -> RDFFormat {
        guard let format = RDFFormat(path: path) else { throw CommandFailure("\(path): unknown RDF format") }
        return format
    }
}
