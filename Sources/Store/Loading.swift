import Foundation
import RDFModel
import Redland

/// What one file's load did.
public struct LoadReport: Sendable {
    public let file: String
    public let graph: RDFTerm?
    public let parsed: Int
    public let added: Int
    public let seconds: Double
}

extension Store {
    /// Loads an RDF file into `graph` (default: the file's `file://` IRI). N-Quads and TriG keep
    /// the graphs they name (triples that name none go to the default graph). Atomic: on any
    /// error the store is as it was.
    /// - Parameter graph: an absolute IRI (`GraphIRI`), for triple formats only.
    /// - Parameter progress: called now and then with (bytes read, statements parsed), on the
    ///   thread that parses (`ParsingThread`), never after the load has returned.
    @discardableResult
    public func load(file path: String, format: RDFFormat? = nil, graph: RDFTerm? = nil,
                     progress: ((Int, Int) -> Void)? = nil) throws -> LoadReport {
        guard let format = format ?? RDFFormat(path: path) else {
            throw StoreError("\(path): cannot tell the RDF format from the file name; use --format")
        }
        try Self.checkGraphName(graph)
        // Putting every quad in one graph would lose the file's graphs; ignoring --graph would
        // load elsewhere than asked (Oxigraph's CLI refuses this too).
        if graph != nil && format.carriesGraphs {
            throw StoreError("\(path): --graph applies to triple formats; N-Quads and TriG name their own graphs")
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        let target = graph ?? (format.carriesGraphs ? nil : .iri(absolute.absoluteString))
        let started = Date()
        // Used by the parsing thread only, until the write has returned (the thread has ended).
        nonisolated(unsafe) var parsed = 0
        nonisolated(unsafe) let progress = progress
        let blankNodePrefix = "b\(UInt32.random(in: 0...UInt32.max))_"
        let added = try writeWhileParsing({ emit in
            let parser = RDFParser(blankNodePrefix: blankNodePrefix)
            parser.progress = { bytes in progress?(bytes, parsed) }
            try parser.parse(file: path, format: format, graph: target) { quad in
                parsed += 1
                try emit(quad)
            }
        })
        return LoadReport(file: path, graph: target, parsed: parsed, added: added,
                          seconds: Date().timeIntervalSince(started))
    }

    /// Adds the quads `parse` makes, as `write` does (all of them, or none when it throws), with
    /// `parse` running on a thread of its own (`ParsingThread`) while the quads it made before are
    /// stored: for a parser, whose work then overlaps SQLite's on a second core.
    @discardableResult
    public func writeWhileParsing(_ parse: @escaping @Sendable (_ emit: (Quad) throws -> Void) throws -> Void) throws -> Int {
        try write { add in try ParsingThread(parse: parse).forEach(add) }
    }
}
