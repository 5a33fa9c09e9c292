import ArgumentParser
import RDFModel
import Store

/// `coatt store graphs|stats|drop`
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Inspect and manage the store.",
        subcommands: [Graphs.self, Stats.self, Drop.self, Dump.self])

    struct Graphs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the named graphs with their sizes.")
        @OptionGroup var storeOption: StoreOption

        func run() throws {
            for (graph, quads) in try storeOption.openExisting().graphSizes() {
                Terminal.write("\(quads)\t\(graph?.ntriples ?? "(default graph)")\n")
            }
            Terminal.flush()
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Triples per graph, instances per class, uses per property.")
        @OptionGroup var storeOption: StoreOption
        @Option(help: "How many classes and properties to list.") var top = 20

        func run() throws {
            let stats = try storeOption.openExisting().statistics()
            Terminal.write("store \(storeOption.location.description): \(stats.quads) triples in \(stats.graphs.count) graphs, \(stats.classes.count) classes used, \(stats.properties.count) properties used\n")
            Terminal.write("\ngraphs:\n")
            for (graph, quads) in stats.graphs { Terminal.write("  \(quads)\t\(graph?.ntriples ?? "(default graph)")\n") }
            Terminal.write("\nclasses by instances (top \(top)):\n")
            for (term, n) in stats.classes.prefix(top) { Terminal.write("  \(n)\t\(term.ntriples)\n") }
            Terminal.write("\nproperties by uses (top \(top)):\n")
            for (term, n) in stats.properties.prefix(top) { Terminal.write("  \(n)\t\(term.ntriples)\n") }
            Terminal.flush()
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a named graph and all its triples.")
        @OptionGroup var storeOption: StoreOption
        @Argument(help: "The graph IRI, or 'default' for the default graph.") var graph: String

        func run() throws {
            let target: RDFTerm? = graph == "default" ? nil : .iri(graph)
            let removed = try storeOption.openExisting().drop(graph: target)
            // Not checked before: a graph misnamed by an older version can still be dropped.
            if removed == 0 && target != nil && !GraphIRI.isAbsolute(graph) {
                throw CommandFailure("'\(graph)' is not \(GraphIRI.requirement) (nothing removed)")
            }
            if removed == 0 { throw CommandFailure("no graph \(graph) in the store (nothing removed)") }
            Terminal.write("dropped \(graph): \(removed) triples\n")
            Terminal.flush()
        }
    }

    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the store, or one graph, as N-Quads on standard output.")
        @OptionGroup var storeOption: StoreOption
        @Argument(help: "A graph IRI, or 'default' for the default graph (default: every graph).") var graph: String?

        func validate() throws {
            if let graph, graph != "default", !GraphIRI.isAbsolute(graph) { throw ValidationError("'\(graph)' is not \(GraphIRI.requirement)") }
        }

        func run() throws {
            var written = 0
            let store = try storeOption.openExisting()
            func write(_ quad: Quad) {
                Terminal.write(quad.nquads + "\n")
                written += 1
            }
            if graph == "default" { try store.forEachQuadOfTheDefaultGraph(write) } else { try store.forEachQuad(in: graph.map(RDFTerm.iri), write) }
            Terminal.flush()
            if let graph, written == 0 { throw CommandFailure("no graph \(graph) in the store (nothing written)") }
        }
    }
}
