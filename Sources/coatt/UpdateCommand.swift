import ArgumentParser
import Foundation
import SPARQLProtocol
import Store

/// `coatt update 'SPARQL Update' | --file U.ru`
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Run a SPARQL 1.1 Update request on the store, all or nothing.",
        discussion: """
        Prints how many triples were inserted and deleted. With --data/--named the request runs on \
        those files in a temporary in-memory store instead; --dump then prints the store after it \
        as N-Quads. LOAD fetches only http(s) IRIs under an --allow prefix.
        """)

    @OptionGroup var storeOption: StoreOption

    @Argument(help: "The update request (or use --file).")
    var text: String?

    @Option(name: .shortAndLong, help: "Read the request from a file.")
    var file: String?

    @Option(help: "Load this file into the default graph of a temporary in-memory store (repeatable).")
    var data: [String] = []

    @Option(help: "Load this file into a named graph of a temporary in-memory store: FILE (named by its file:// IRI) or IRI=FILE (repeatable).")
    var named: [String] = []

    @Option(help: "Base IRI for relative IRIs in the request.")
    var base: String?

    @Option(help: "An http(s) IRI prefix LOAD may fetch from (repeatable; none by default).")
    var allow: [String] = []

    @Flag(help: "Print every quad of the store after the update, as N-Quads (the counts then go to standard error).")
    var dump = false

    func validate() throws {
        if (text == nil) == (file == nil) { throw ValidationError("give the request either as an argument or with --file") }
    }

    func run() throws {
        let request = try text ?? TextFile.read(file!, role: "update file")
        guard !SPARQLText.isEmpty(request) else { throw CommandFailure("empty request (nothing but white space and comments)") }
        let baseIRI = base ?? file.map { URL(fileURLWithPath: $0).standardizedFileURL.absoluteString }
        let files = TemporaryDataset(data: data, named: named)
        let status = try CrashIsolation.run("this update") {
            do {
                // `--store memory` too is a store of its own default graph, as with --data.
                let store = files.isEmpty && storeOption.location != .memory ? try storeOption.open() : try files.makeStore()
                let summary = try store.update(request, baseIRI: baseIRI, policy: UpdatePolicy(loadAllowList: allow))
                let counts = "inserted \(summary.inserted), deleted \(summary.deleted)\n"
                if dump {
                    try store.forEachQuad { Terminal.write($0.nquads + "\n") }
                    Terminal.flush()
                    FileHandle.standardError.write(Data(counts.utf8))
                } else {
                    Terminal.write(counts)
                    Terminal.flush()
                }
                return 0
            } catch {
                Terminal.flush()
                Terminal.error("Error: \(error)")
                return 1
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
