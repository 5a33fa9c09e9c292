import ArgumentParser
import Foundation
import Store

/// `coatt update 'SPARQL Update' | --file U.ru`
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Run a SPARQL 1.1 Update request on the store, all or nothing.",
        discussion: """
        Prints how many triples were inserted and deleted. With --data/--named the request runs on \
        those files in a temporary in-memory store instead; --dump then prints the store after it \
        as N-Quads. LOAD fetches, and SERVICE asks, only http(s) IRIs under an --allow prefix.
        """)

    @OptionGroup var storeOption: StoreOption

    @OptionGroup var sparql: SPARQLTextOptions

    @OptionGroup var files: DatasetFilesOptions

    @OptionGroup var remoteAccess: RemoteAccessOptions

    @Flag(help: "Print every quad of the store after the update, as N-Quads (the counts then go to standard error).")
    var dump = false

    func run() throws {
        let baseIRI = sparql.baseIRI
        let files = files.dataset
        try CrashIsolation.runReportingErrors("this update") {
            let request = try sparql.read(as: "update request")
            // `--store memory` too is a store of its own default graph, as with --data.
            let store = files.isEmpty && storeOption.location != .memory ? try storeOption.open() : try files.makeStore()
            let summary = try sparql.namingTheFile { try store.update(request, baseIRI: baseIRI, policy: remoteAccess.policy) }
            let counts = "inserted \(summary.inserted), deleted \(summary.deleted)\n"
            if dump {
                try store.forEachQuad { Terminal.write($0.nquads + "\n") }
                Terminal.flush()
                FileHandle.standardError.write(Data(counts.utf8))
            } else {
                Terminal.write(counts)
            }
        }
    }
}
