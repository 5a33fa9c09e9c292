import ArgumentParser
import Foundation
import QueryWorkers
import SPARQLEndpoint
import SPARQLProtocol
import Store

/// `coatt serve`: the store as a SPARQL 1.1 endpoint (Protocol, Update, Graph Store) over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the store as a SPARQL 1.1 endpoint (/sparql, /rdf-graphs, /health, /metrics), with POST /extract and a page at /.",
        discussion: """
        Queries run in worker processes (`coatt serve-worker`) that are killed and replaced at the time limit \
        or when they crash. The endpoint is read-only unless an update token is given, by --update-token-file \
        or $COATT_UPDATE_TOKEN (never on the command line, where `ps` shows it); writes then need \
        `Authorization: Bearer TOKEN`. With --ner-model, POST /extract recognises and links the entities of a post \
        and answers its RDF (storing it with the token and store=true); / serves a page to try it and to run \
        queries. SIGTERM or SIGINT stop it gracefully: requests in flight finish first.
        """)

    @OptionGroup var store: StoreOption

    @Option(help: "Address to listen on (0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port; the URL printed says which).")
    var port = 7070

    @Option(help: "Reader worker processes, so queries that run at once; one more process does the writes. The default is 2 × cores, the most 16 × cores (at least 64).")
    var workers = EndpointLimits.defaultReaders

    @Option(help: "Wall-time limit of one request, in seconds; the worker running it is killed beyond it.")
    var timeout = 30.0

    @Option(name: .customLong("max-body"), help: ArgumentHelp("Largest request body accepted.", valueName: "bytes"))
    var maxBody = EndpointLimits.defaultMaxBodyBytes

    @Option(help: ArgumentHelp("Longest query or update, in characters.", valueName: "n"))
    var maxQueryLength = EndpointLimits.defaultMaxQueryLength

    @Option(help: ArgumentHelp("Most rows a SELECT may return (beyond: an error, never a silently cut result).", valueName: "n"))
    var maxRows = EndpointLimits.defaultMaxRows

    @Option(help: ArgumentHelp("A file holding the update token (default: $COATT_UPDATE_TOKEN; neither: read-only).", valueName: "file"))
    var updateTokenFile: String?

    @OptionGroup var remoteAccess: RemoteAccessOptions

    @Option(help: "Access-Control-Allow-Origin for browsers: * (any origin) or one origin.")
    var corsOrigin = "*"

    @Option(help: ArgumentHelp("A tagger folder (`coatt ner train`): enables POST /extract. Every worker loads it and builds the "
                               + "linker over the store once at start, and holds them (about 750 MB for a MiniLM tagger linking to "
                               + "DBpedia): choose --workers to fit the memory.", valueName: "DIR"))
    var nerModel: String?

    @Option(help: ArgumentHelp("How long a worker may take to start, in seconds (default 30, or 600 with --ner-model: "
                               + "each worker loads the tagger and builds the linker over the store).", valueName: "seconds"))
    var workerStartupTimeout: Double?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...EndpointLimits.maxReaders).contains(workers) else {
            throw ValidationError("--workers must be between 1 and \(EndpointLimits.maxReaders) (16 per core): each is a process with the store open")
        }
        guard timeout > 0, workerStartupTimeout ?? 1 > 0 else {
            throw ValidationError("--timeout and --worker-startup-timeout must be positive")
        }
        guard maxBody >= 1, maxQueryLength >= 1, maxRows >= 1 else {
            throw ValidationError("--max-body, --max-query-length and --max-rows must be positive")
        }
        // Sent as a header value, which must be ASCII: an international domain goes in its xn-- form.
        guard !corsOrigin.isEmpty, corsOrigin.unicodeScalars.allSatisfy({ (0x21..<0x7F).contains($0.value) }) else {
            throw ValidationError("--cors-origin must be * or an origin in printable ASCII (an international domain in its "
                                  + "xn-- form), not '\(corsOrigin)'")
        }
    }

    func run() async throws {
        WorkerPool.requestShortTimeSlices()
        let storePath = try workerStorePath()
        let limits = EndpointLimits(maxBodyBytes: maxBody, maxQueryLength: maxQueryLength, timeout: .milliseconds(Int64(timeout * 1000)),
                                    maxRows: maxRows, readers: workers)
        let workerArguments = ["serve-worker", "--store", storePath, "--max-rows", String(limits.maxRows)]
            + remoteAccess.arguments + (try nerModelPath().map { ["--ner-model", $0] } ?? [])
        var pool = WorkerPoolConfiguration(executable: try OwnExecutable.path(), workerArguments: workerArguments,
                                           readers: limits.readers, timeout: limits.timeout)
        if let seconds = workerStartupTimeout ?? (nerModel == nil ? nil : 600) { pool.startupLimit = .milliseconds(Int64(seconds * 1000)) }
        let configuration = EndpointConfiguration(
            host: host, port: port, limits: limits, updateToken: try updateToken(), corsOrigin: corsOrigin,
            storeDescription: store.location.description, extracts: nerModel != nil,
            federates: !remoteAccess.allowedPrefixes.isEmpty,
            pool: pool)
        do {
            try await EndpointServer.run(configuration) { url in
                // Unbuffered, so a script or test waiting for this line sees it at once.
                let mode = configuration.updateToken == nil ? "read-only" : "updates need the token"
                FileHandle.standardOutput.write(Data("coatt serve: listening on \(url) (\(mode))\n".utf8))
            }
        } catch {
            throw CommandFailure("coatt serve: \(error)")
        }
    }

    /// The store as the workers open it: each opens it itself, so an in-memory store (one per
    /// process) cannot be served; a directory is made absolute and must exist, so that a mistyped
    /// path is an error rather than a new, empty endpoint.
    private func workerStorePath() throws -> String {
        switch store.location {
        case .memory:
            throw CommandFailure("coatt serve needs a persistent store: every worker process opens it, and 'memory' would give each its own")
        case .directory(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure("no store at \(path): create it with `coatt load --store \(path) FILE…` (or mkdir for an empty one)")
            }
            guard isDirectory.boolValue else { throw CommandFailure("\(path) is a file, not a store directory") }
            return URL(fileURLWithPath: path).standardizedFileURL.path
        case .postgresql:
            return store.store ?? store.location.description
        }
    }

    /// The tagger folder made absolute (the workers may start elsewhere); an error when it is no
    /// tagger folder, so that the endpoint does not start workers that cannot load it.
    private func nerModelPath() throws -> String? {
        guard let nerModel else { return nil }
        let folder = URL(fileURLWithPath: nerModel).standardizedFileURL
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("labels.json").path) else {
            throw CommandFailure("--ner-model \(nerModel): not a tagger folder (no labels.json; `coatt ner train` writes one)")
        }
        return folder.path
    }

    /// The token from --update-token-file, else $COATT_UPDATE_TOKEN; nil for a read-only endpoint.
    private func updateToken() throws -> String? {
        if let updateTokenFile {
            let text = try TextFile.read(updateTokenFile, role: "update token file")
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw CommandFailure("the update token file \(updateTokenFile) is empty") }
            return token
        }
        let token = ProcessInfo.processInfo.environment["COATT_UPDATE_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        return token?.isEmpty == false ? token : nil
    }
}
