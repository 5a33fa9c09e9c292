import ArgumentParser
import BLAS
import Foundation
import QueryWorkers

/// `coatt serve-worker`: one worker process of `coatt serve` (hidden; the worker pool starts it).
/// It reads length-prefixed requests on one descriptor and writes replies on another.
struct ServeWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-worker", abstract: "Internal: a query worker process of coatt serve.", shouldDisplay: false)

    @OptionGroup var storeOption: StoreOption

    @Option(help: "Most result rows (solutions or triples) a reply may carry.")
    var maxRows: Int = 100_000

    @OptionGroup var remoteAccess: RemoteAccessOptions

    @Option(help: ArgumentHelp("A tagger folder (`coatt ner train`) to serve POST /extract with, loaded once at start.",
                               valueName: "DIR"))
    var nerModel: String?

    @Option(help: "Descriptor the requests arrive on.")
    var requestFd: Int32 = 3

    @Option(help: "Descriptor the replies go out on.")
    var replyFd: Int32 = 4

    func validate() throws {
        guard maxRows > 0 else { throw ValidationError("--max-rows must be positive") }
    }

    func run() throws {
        // Workers run side by side, one request each: one BLAS thread apiece keeps the cores shared.
        BLAS.threads = 1
        let extraction = nerModel.map { folder in
            { store in try ExtractionPipeline(model: URL(fileURLWithPath: folder), store: store) as any PostExtractionService }
        }
        let status = QueryWorker.serve(store: storeOption.location, maxRows: maxRows, policy: remoteAccess.policy, extraction: extraction,
                                       requestFD: requestFd, replyFD: replyFd)
        if status != 0 { throw ExitCode(status) }
    }
}
