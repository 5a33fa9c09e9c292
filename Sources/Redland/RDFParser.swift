import CRedland
import Foundation
import RDFModel

/// Why a parse stopped: the file, the position and raptor's own message.
public struct RDFParseError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public var description: String {
        var where_ = file
        if let line { where_ += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(where_): \(message)"
    }
}

/// A streaming RDF parser over raptor. Statements reach `emit` one at a time as the input is read
/// in chunks, so a file of any size parses in constant Swift memory. The first error stops the
/// parse; raptor's own handler, which prints and carries on, is replaced. The bytes are checked
/// before raptor reads them (UTF-8 only, no NUL; `RDFInputFilter` says why), in every syntax.
public final class RDFParser {
    /// Blank-node labels are prefixed with this so that two loads never share a blank node.
    public var blankNodePrefix: String
    /// Called with the number of bytes read so far, after each chunk.
    public var progress: ((Int) -> Void)?
    /// Longest line accepted in the line-based syntaxes (N-Triples, N-Quads), where a line is one
    /// statement: raptor rescans a long line on every chunk, so a runaway line would take minutes
    /// and gigabytes before any error; it is refused as soon as it passes this length instead.
    public var maxLineBytes = 16 << 20

    private let world: OpaquePointer
    private var parser: OpaquePointer?
    private var failure: (message: String, line: Int?, column: Int?)?
    private var emitError: Error?
    private var emit: ((Quad) throws -> Void)?
    private var defaultGraph: RDFTerm?

    public init(blankNodePrefix: String = "") {
        self.blankNodePrefix = blankNodePrefix
        world = raptor_new_world_internal(UInt32(RAPTOR_VERSION))
        raptor_world_open(world)
        raptor_world_set_log_handler(world, Unmanaged.passUnretained(self).toOpaque()) { userData, message in
            guard let userData, let message else { return }
            Unmanaged<RDFParser>.fromOpaque(userData).takeUnretainedValue().log(message)
        }
    }

    deinit { raptor_free_world(world) }

    /// Parses a file. Throws `RDFParseError` naming the file, line and column of the first error.
    /// - Parameters:
    ///   - graph: the graph for triples that name none (nil: the default graph).
    ///   - baseIRI: defaults to the file's `file://` URL.
    public func parse(file path: String, format: RDFFormat, graph: RDFTerm?, baseIRI: String? = nil,
                      emit: (Quad) throws -> Void) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RDFParseError(file: path, line: nil, column: nil, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw RDFParseError(file: path, line: nil, column: nil, message: "is a directory, not an RDF file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RDFParseError(file: path, line: nil, column: nil, message: "cannot be opened for reading")
        }
        defer { try? handle.close() }
        let base = baseIRI ?? URL(fileURLWithPath: path).absoluteString
        try parse(name: path, format: format, graph: graph, baseIRI: base, emit: emit) {
            try handle.read(upToCount: 1 << 18) ?? Data()
        }
    }

    /// Parses text held in memory (used for small documents and tests).
    public func parse(text: String, format: RDFFormat, graph: RDFTerm?, baseIRI: String,
                      emit: (Quad) throws -> Void) throws {
        try parse(data: Data(text.utf8), format: format, graph: graph, baseIRI: baseIRI, emit: emit)
    }

    /// Parses a document held in memory (a request body). Its bytes are checked as a file's are,
    /// so they need not be validated first.
    public func parse(data: Data, format: RDFFormat, graph: RDFTerm?, baseIRI: String,
                      emit: (Quad) throws -> Void) throws {
        var remaining: Data? = data
        try parse(name: "<input>", format: format, graph: graph, baseIRI: baseIRI, emit: emit) {
            defer { remaining = nil }
            return remaining ?? Data()
        }
    }

    private func parse(name: String, format: RDFFormat, graph: RDFTerm?, baseIRI: String,
                       emit: (Quad) throws -> Void, nextChunk: () throws -> Data) throws {
        try withoutActuallyEscaping(emit) { emit in
            try run(name: name, format: format, graph: graph, baseIRI: baseIRI, emit: emit, nextChunk: nextChunk)
        }
    }

    private func run(name: String, format: RDFFormat, graph: RDFTerm?, baseIRI: String,
                     emit: @escaping (Quad) throws -> Void, nextChunk: () throws -> Data) throws {
        guard let parser = raptor_new_parser(world, format.raptorName) else {
            throw RDFParseError(file: name, line: nil, column: nil, message: "raptor has no \(format.rawValue) parser")
        }
        self.parser = parser
        self.emit = emit
        self.defaultGraph = graph
        failure = nil
        emitError = nil
        defer {
            raptor_free_parser(parser)
            self.parser = nil
            self.emit = nil
        }
        raptor_parser_set_statement_handler(parser, Unmanaged.passUnretained(self).toOpaque()) { userData, statement in
            guard let userData, let statement else { return }
            Unmanaged<RDFParser>.fromOpaque(userData).takeUnretainedValue().handle(statement)
        }
        let base = baseIRI.withCString { raptor_new_uri(world, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        defer { if let base { raptor_free_uri(base) } }
        guard raptor_parser_parse_start(parser, base) == 0 else {
            throw RDFParseError(file: name, line: nil, column: nil, message: failure?.message ?? "cannot start parsing")
        }
        var bytesRead = 0
        // Checked and cleaned before raptor sees them: see RDFInputFilter for what raptor gets wrong.
        var input = RDFInputFilter(format: format, maxLineBytes: maxLineBytes)
        while true {
            let read = try nextChunk()
            bytesRead += read.count
            let chunk: Data
            do {
                chunk = try input.filter(read)
                if read.isEmpty { try input.finish() }
            } catch let refused as RDFInputFilter.Failure {
                throw RDFParseError(file: name, line: refused.line, column: nil, message: refused.message)
            }
            let isEnd: Int32 = read.isEmpty ? 1 : 0
            chunk.withUnsafeBytes { raw in
                _ = raptor_parser_parse_chunk(parser, raw.bindMemory(to: UInt8.self).baseAddress, raw.count, isEnd)
            }
            if let emitError { throw emitError }
            if let failure {
                throw RDFParseError(file: name, line: failure.line, column: failure.column, message: failure.message)
            }
            progress?(bytesRead)
            if isEnd == 1 { break }
        }
    }

    private func handle(_ statement: UnsafeMutablePointer<raptor_statement>) {
        guard failure == nil, emitError == nil, let emit else { return }
        guard let subject = term(statement.pointee.subject),
              let predicate = term(statement.pointee.predicate),
              let object = term(statement.pointee.object) else {
            fail("invalid UTF-8 in a term")
            return
        }
        var graph = defaultGraph
        if let g = statement.pointee.graph {
            guard let named = term(g) else { fail("invalid UTF-8 in a graph name"); return }
            graph = named
        }
        do {
            try emit(Quad(subject, predicate, object, graph: graph))
        } catch {
            emitError = error
            if let parser { raptor_parser_parse_abort(parser) }
        }
    }

    private func term(_ node: UnsafeMutablePointer<raptor_term>?) -> RDFTerm? {
        guard let t = RDFTerm(node: node) else { return nil }
        if case .blank(let label) = t { return .blank(blankNodePrefix + label) }
        return t
    }

    private func fail(_ message: String, locator: UnsafeMutablePointer<raptor_locator>? = nil) {
        var line: Int?, column: Int?
        for candidate in [locator, parser.flatMap { raptor_parser_get_locator($0) }] {
            guard let candidate, candidate.pointee.line > 0 else { continue }
            line = Int(candidate.pointee.line)
            if candidate.pointee.column > 0 { column = Int(candidate.pointee.column) }
            break
        }
        failure = (message, line, column)
        if let parser { raptor_parser_parse_abort(parser) }
    }

    private func log(_ message: UnsafeMutablePointer<raptor_log_message>) {
        guard message.pointee.level.rawValue >= RAPTOR_LOG_LEVEL_ERROR.rawValue, failure == nil else { return }
        let text = message.pointee.text.map { String(cString: $0) } ?? "parse error"
        // Some turtle errors (an undeclared prefix) come without a locator: the parser's own
        // position is then the line being read.
        fail(text, locator: message.pointee.locator)
    }
}
