import Foundation
import RDFModel
import Redland
import SQLiteStorage

/// Carries out the operations of one update request on a `QuadDatabase`, in order, inside the
/// caller's transaction (so a failing operation undoes the ones before it).
///
/// Graphs: the store keeps no empty graphs, so a named graph exists while it holds a triple;
/// CREATE changes nothing, CLEAR and DROP of a graph both remove its triples. Templates and DATA
/// without GRAPH write the store's default graph (graph id 0), as SPARQL Update says, while WHERE
/// reads the store's query default graph (`Store.defaultGraph`, the union of all graphs for a
/// store directory), as a query does.
final class UpdateExecutor {
    private let database: QuadDatabase
    private let defaultGraph: DefaultGraph
    /// The protocol's USING dataset, which replaces WITH/USING in every WHERE.
    private let dataset: ProtocolDataset?
    /// LOADed documents by operation index (absent: a SILENT LOAD whose fetch failed).
    private let documents: [Int: RemoteDocument]
    /// Prefix that makes the request's new blank nodes distinct from every stored one.
    private let blankPrefix = "u\(UUID().uuidString.prefix(8).lowercased())"
    /// Evaluates WHERE patterns; made at the first one. A fresh engine per request, since its term
    /// cache may hold ids of terms this transaction made, which a rollback would hand out again.
    private var engine: RasqalEngine?
    private(set) var summary = UpdateSummary()

    init(database: QuadDatabase, defaultGraph: DefaultGraph, dataset: ProtocolDataset?, documents: [Int: RemoteDocument]) {
        self.database = database
        self.defaultGraph = defaultGraph
        self.dataset = dataset
        self.documents = documents
    }

    func run(_ operations: [UpdateOperation]) throws {
        for (index, operation) in operations.enumerated() {
            try apply(operation, index: index)
        }
    }

    private func apply(_ operation: UpdateOperation, index: Int) throws {
        switch try canonical(operation) {
        case .data(let insert, let delete):
            try remove(delete.map { try ground($0, blankScope: nil) })
            try add(insert.map { try ground($0, blankScope: "\(blankPrefix)o\(index)_") })
        case .modify(let delete, let insert, let clause):
            let solutions = try solve(clause)
            // Every deletion of the operation comes before its insertions (SPARQL Update 3.1.3).
            try remove(solutions.flatMap { solution in delete.compactMap { instantiate($0, solution, blankScope: nil) } })
            try add(solutions.enumerated().flatMap { number, solution in
                insert.compactMap { instantiate($0, solution, blankScope: "\(blankPrefix)o\(index)s\(number)_") }
            })
        case .clear(let selection, _):
            try clear(selection)
        case .drop(let selection, let silent):
            if case .graph(let graph) = selection, !silent, try !exists(graph) {
                throw UpdateError("DROP GRAPH \(graph.ntriples): the store has no such graph (DROP SILENT ignores this)")
            }
            try clear(selection)
        case .create(let graph, let silent):
            if !silent, try exists(graph) {
                throw UpdateError("CREATE GRAPH \(graph.ntriples): the graph already exists (CREATE SILENT ignores this)")
            }
        case .load(let iri, let graph, let silent):
            guard let document = documents[index] else { return }  // SILENT, and the fetch failed
            try load(document, from: iri, into: graph, silent: silent)
        case .transfer(let kind, let source, let target, let silent):
            try transfer(kind, from: source, to: target, silent: silent)
        }
    }

    // MARK: Operations

    private func clear(_ selection: GraphSelection) throws {
        let graphs: [RDFTerm?]
        switch selection {
        case .graph(let graph): graphs = [graph]
        case .defaultGraph: graphs = [nil]
        case .named: graphs = try database.namedGraphs()
        case .all: graphs = [nil] + (try database.namedGraphs())
        }
        for graph in graphs { summary.deleted += try database.removeGraph(graph) }
    }

    private func transfer(_ kind: GraphTransfer, from source: RDFTerm?, to target: RDFTerm?, silent: Bool) throws {
        guard source != target else { return }
        guard try exists(source) else {
            if silent { return }
            throw UpdateError("\(kind.rawValue): the source graph \(source?.ntriples ?? "DEFAULT") does not exist (\(kind.rawValue) SILENT ignores this)")
        }
        if kind != .add { summary.deleted += try database.removeGraph(target) }
        summary.inserted += try database.copyGraph(source, to: target)
        if kind == .move { summary.deleted += try database.removeGraph(source) }
    }

    private func load(_ document: RemoteDocument, from iri: String, into graph: RDFTerm?, silent: Bool) throws {
        let format = Self.format(of: document, iri: iri)
        let parse = { (emit: (Quad) throws -> Void) in
            do {
                try GraphBody.parse(document.data, format: format, graph: graph, baseIRI: iri, emit: emit)
            } catch let error as RDFParseError {
                throw UpdateError("LOAD <\(iri)>: \(error.line.map { "line \($0): " } ?? "")\(error.message)")
            }
        }
        if silent {
            // A SILENT LOAD of a bad document must add nothing: check it all before adding any.
            do { try parse { _ in } } catch { return }
        }
        try parse { quad in if try database.insert(quad) { summary.inserted += 1 } }
    }

    /// The format of a LOADed document: its Content-Type when that names an RDF syntax, else
    /// the IRI's file extension, else Turtle (which also reads N-Triples).
    private static func format(of document: RemoteDocument, iri: String) -> RDFFormat {
        if let type = document.mediaType, let format = try? GraphMediaType.format(of: type),
           !type.lowercased().hasPrefix("text/plain") {
            return format
        }
        if let path = URL(string: iri)?.path, let format = RDFFormat(path: path), !format.carriesGraphs { return format }
        return .turtle
    }

    // MARK: Templates and solutions

    /// The operation with its constant language-tagged literals spelled as the store spells them,
    /// so that `"x"@en-GB` deletes and matches the stored `"x"@en-GB` although rasqal hands it over
    /// as `"x"@en-gb`.
    private func canonical(_ operation: UpdateOperation) throws -> UpdateOperation {
        func spell(_ templates: [QuadTemplate]) throws -> [QuadTemplate] {
            try templates.map { template in
                func position(_ term: UpdateTerm) throws -> UpdateTerm {
                    guard case .constant(let constant) = term else { return term }
                    return .constant(try database.storedSpelling(of: constant))
                }
                return QuadTemplate(try position(template.subject), try position(template.predicate),
                                    try position(template.object), graph: template.graph)
            }
        }
        switch operation {
        case .data(let insert, let delete):
            return .data(insert: try spell(insert), delete: try spell(delete))
        case .modify(let delete, let insert, let clause):
            return .modify(delete: try spell(delete), insert: try spell(insert), where: clause)
        default:
            return operation
        }
    }

    private func exists(_ graph: RDFTerm?) throws -> Bool {
        guard let graph else { return true }  // the default graph always exists
        return try database.contains(QuadPattern(graph: graph))
    }

    private func remove(_ quads: [Quad]) throws {
        for quad in quads {
            if try database.remove(quad) { summary.deleted += 1 }
        }
    }

    private func add(_ quads: [Quad]) throws {
        for quad in quads {
            if try database.insert(quad) { summary.inserted += 1 }
        }
    }

    /// A DATA quad, which must be a valid RDF quad (a literal subject is refused, not skipped).
    private func ground(_ template: QuadTemplate, blankScope: String?) throws -> Quad {
        guard let quad = instantiate(template, [:], blankScope: blankScope) else {
            throw UpdateError("not an RDF triple: \(template.subject) \(template.predicate) \(template.object)")
        }
        return quad
    }

    /// A template filled in from one solution; nil when a variable is unbound or the result is not
    /// a valid quad (literal subject, non-IRI predicate or graph), which SPARQL Update skips.
    private func instantiate(_ template: QuadTemplate, _ solution: [String: RDFTerm], blankScope: String?) -> Quad? {
        func value(_ position: UpdateTerm) -> RDFTerm? {
            switch position {
            case .variable(let name): return solution[name]
            case .constant(.blank(let label)): return .blank((blankScope ?? "") + label)
            case .constant(let term): return term
            }
        }
        guard let subject = value(template.subject), !subject.isLiteral,
              let predicate = value(template.predicate), predicate.isIRI,
              let object = value(template.object) else { return nil }
        guard let graph = template.graph else { return Quad(subject, predicate, object) }
        guard let name = value(graph), name.isIRI else { return nil }
        return Quad(subject, predicate, object, graph: name)
    }

    /// The solutions of a WHERE clause, all read before anything is written. With `WITH <g>`
    /// (and no USING, which replaces it) the pattern's default graph is <g> and GRAPH still ranges
    /// over every named graph.
    private func solve(_ clause: WhereClause) throws -> [[String: RDFTerm]] {
        let query = clause.select(namedGraphs: clause.withGraph == nil ? [] : try database.namedGraphs())
        let engine = try self.engine ?? RasqalEngine(database: database)
        self.engine = engine
        guard case .solutions(let cursor) = try engine.query(query, defaultGraph: defaultGraph, dataset: dataset) else {
            throw RedlandError("the WHERE pattern did not give solutions")
        }
        var solutions: [[String: RDFTerm]] = []
        while let row = cursor.next() {
            var solution: [String: RDFTerm] = [:]
            for (name, value) in zip(cursor.variables, row) { solution[name] = value }
            solutions.append(solution)
        }
        return solutions
    }
}
