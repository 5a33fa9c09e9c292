import CRedland
import RDFModel

/// A SPARQL query that rasqal rejected, with its message and position.
public struct SPARQLSyntaxError: Error, CustomStringConvertible {
    public let messages: [RedlandMessage]
    public init(messages: [RedlandMessage]) { self.messages = messages }
    public var description: String {
        let errors = messages.filter { $0.level == .error }
        return "SPARQL syntax error: " + (errors.isEmpty ? messages : errors).map(\.description).joined(separator: "; ")
    }
}

/// The answer of a query, read lazily: solutions are pulled from rasqal one at a time, so a client
/// (or a deadline) can stop a long result early.
public enum QueryAnswer {
    case solutions(any SolutionCursor)
    case boolean(Bool)
    case graph([Quad])
}

/// The solutions of a SELECT query, pulled one at a time.
public protocol SolutionCursor: AnyObject {
    /// The projected variables, in column order (also when there are no solutions).
    var variables: [String] { get }
    /// The next solution, values aligned with `variables` (nil: unbound), or nil at the end.
    func next() -> [RDFTerm?]?
}

extension RedlandMessage {
    /// A message made outside librdf's logger (for code that drives rasqal itself).
    public init(_ level: Level, _ text: String, line: Int? = nil, column: Int? = nil) {
        self.init(level: level, text: text, line: line, column: column)
    }
}

/// Iterates the solutions of a SELECT query run through librdf. Owns the librdf query and its results.
public final class RedlandSolutionCursor: SolutionCursor {
    public let variables: [String]
    private let query: OpaquePointer
    private let results: OpaquePointer

    init(query: OpaquePointer, results: OpaquePointer) {
        self.query = query
        self.results = results
        let count = Int(librdf_query_results_get_bindings_count(results))
        variables = (0..<count).map { i in
            librdf_query_results_get_binding_name(results, Int32(i)).map { String(cString: $0) } ?? "_\(i)"
        }
    }

    deinit {
        librdf_free_query_results(results)
        librdf_free_query(query)
    }

    /// The next solution, values aligned with `variables` (nil: unbound), or nil at the end.
    public func next() -> [RDFTerm?]? {
        guard librdf_query_results_finished(results) == 0 else { return nil }
        var row: [RDFTerm?] = []
        row.reserveCapacity(variables.count)
        for i in variables.indices {
            let node = librdf_query_results_get_binding_value(results, Int32(i))
            row.append(RDFTerm(node: node))
            if let node { librdf_free_node(node) }
        }
        librdf_query_results_next(results)
        return row
    }
}

extension RedlandModel {
    /// Parses and runs a SPARQL query through rasqal.
    /// - Throws: `SPARQLSyntaxError` with rasqal's message and position when the query is rejected.
    public func query(_ sparql: String, baseIRI: String? = nil) throws -> QueryAnswer {
        _ = world.drainMessages()
        let base = baseIRI.flatMap { iri in
            iri.withCString { librdf_new_uri(world.pointer, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        }
        defer { if let base { librdf_free_uri(base) } }
        guard let query = sparql.withCString({
            librdf_new_query(world.pointer, "sparql", nil, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), base)
        }) else {
            throw SPARQLSyntaxError(messages: world.drainMessages())
        }
        guard let results = librdf_model_query_execute(pointer, query) else {
            librdf_free_query(query)
            let messages = world.drainMessages()
            throw SPARQLSyntaxError(messages: messages.isEmpty
                ? [RedlandMessage(level: .error, text: "the query could not be parsed or run", line: nil, column: nil)]
                : messages)
        }
        if librdf_query_results_is_bindings(results) != 0 {
            return .solutions(RedlandSolutionCursor(query: query, results: results))
        }
        defer {
            librdf_free_query_results(results)
            librdf_free_query(query)
        }
        if librdf_query_results_is_boolean(results) != 0 {
            return .boolean(librdf_query_results_get_boolean(results) > 0)
        }
        guard let stream = librdf_query_results_as_stream(results) else { return .graph([]) }
        defer { librdf_free_stream(stream) }
        var quads: [Quad] = []
        try drain(stream) { quads.append(Quad($0.subject, $0.predicate, $0.object)) }
        return .graph(quads)
    }
}
