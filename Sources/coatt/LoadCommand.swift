import ArgumentParser
import Foundation
import RDFModel
import Redland
import Store

/// `coatt load FILE… [--graph IRI] [--format F]`
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load RDF files into the store, each into its own named graph, atomically.",
        discussion: """
        Formats by extension (.ttl .nt .rdf/.owl/.xml .nq .trig) or --format. Each file goes into the graph \
        named by --graph (an absolute IRI), or by the file's file:// IRI; N-Quads and TriG keep the graphs \
        they name, and refuse --graph. Files must be UTF-8 (RDF/XML: as its XML declaration says). A file \
        with an error loads nothing: the error names the file and line (N-Triples and N-Quads: the column too).
        """)

    @OptionGroup var storeOption: StoreOption

    @Argument(help: "RDF files to load.")
    var files: [String]

    @Option(help: "The named graph to load a triple format into, an absolute IRI (default: the file's file:// IRI).")
    var graph: String?

    @Option(help: "The syntax: \(RDFFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String?

    func validate() throws {
        if let format, RDFFormat(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)': use one of \(RDFFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if graph != nil && files.count > 1 {
            throw ValidationError("--graph names one graph: load one file at a time with it")
        }
    }

    func run() throws {
        let store = try storeOption.open()
        var failures = 0
        for file in files {
            var progress = ProgressLine()
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            do {
                let report = try store.load(file: file, format: format.flatMap(RDFFormat.init(rawValue:)),
                                            graph: graph.map(RDFTerm.iri)) { bytes, statements in
                    let percent = size > 0 ? " (\(bytes * 100 / size)%)" : ""
                    progress.update("\(file): \(statements) statements\(percent)")
                }
                progress.finish()
                let rate = report.seconds > 0 ? Int(Double(report.parsed) / report.seconds) : report.parsed
                Terminal.write("\(file): \(report.parsed) statements, \(report.added) new, into \(report.graph?.ntriples ?? "the graphs it names") in \(String(format: "%.2f", report.seconds)) s (\(rate) statements/s)\n")
            } catch {
                progress.finish()
                failures += 1
                Terminal.error("Error: \(error) (nothing loaded from this file)")
            }
            Terminal.flush()
        }
        if failures > 0 { throw ExitCode.failure }
    }
}
