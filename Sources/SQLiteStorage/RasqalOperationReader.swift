import CRedland
import RDFModel
import Redland

/// Turns one `rasqal_update_operation` into an `UpdateOperation`.
struct RasqalOperationReader {
    /// The WHERE clauses as written (`RasqalUpdateText`), one for each operation rasqal gives a
    /// WHERE pattern, in order.
    private let clauses: [WhereClause]
    /// How many of them the operations read so far have taken.
    private(set) var clausesRead = 0

    init(clauses: [WhereClause]) { self.clauses = clauses }

    mutating func read(_ operation: rasqal_update_operation) throws -> UpdateOperation {
        let silent = operation.flags & Int32(RASQAL_UPDATE_FLAGS_SILENT.rawValue) != 0
        let graph = operation.graph_uri.map(iri)
        switch operation.type {
        case RASQAL_UPDATE_TYPE_UPDATE:
            return try readModify(operation, withGraph: graph)
        case RASQAL_UPDATE_TYPE_CLEAR:
            return .clear(selection(graph, operation.applies), silent: silent)
        case RASQAL_UPDATE_TYPE_DROP:
            return .drop(selection(graph, operation.applies), silent: silent)
        case RASQAL_UPDATE_TYPE_CREATE:
            guard let graph else { throw RasqalUpdateParser.syntaxError("CREATE needs a graph IRI") }
            return .create(graph, silent: silent)
        case RASQAL_UPDATE_TYPE_LOAD:
            guard case .iri(let document)? = operation.document_uri.map(iri) else {
                throw RasqalUpdateParser.syntaxError("LOAD needs a document IRI")
            }
            return .load(document: document, into: graph, silent: silent)
        case RASQAL_UPDATE_TYPE_ADD, RASQAL_UPDATE_TYPE_MOVE, RASQAL_UPDATE_TYPE_COPY:
            // For these rasqal keeps the source in graph_uri and the target in document_uri.
            let kind: GraphTransfer = operation.type == RASQAL_UPDATE_TYPE_ADD ? .add
                : operation.type == RASQAL_UPDATE_TYPE_MOVE ? .move : .copy
            return .transfer(kind, from: graph, to: operation.document_uri.map(iri), silent: silent)
        default:
            throw RasqalUpdateParser.syntaxError("unsupported update operation (rasqal type \(operation.type.rawValue))")
        }
    }

    private func selection(_ graph: RDFTerm?, _ applies: rasqal_update_graph_applies) -> GraphSelection {
        switch applies {
        case RASQAL_UPDATE_GRAPH_NAMED: return .named
        case RASQAL_UPDATE_GRAPH_ALL: return .all
        case RASQAL_UPDATE_GRAPH_DEFAULT: return .defaultGraph
        default: return graph.map(GraphSelection.graph) ?? .defaultGraph
        }
    }

    private mutating func readModify(_ operation: rasqal_update_operation, withGraph: RDFTerm?) throws -> UpdateOperation {
        // `WITH <g> INSERT DATA` keeps <g> in graph_uri: the graph of the triples that name none.
        let fallback = withGraph.map(UpdateTerm.constant)
        let insert = try templates(operation.insert_templates, graph: fallback)
        let delete = try templates(operation.delete_templates, graph: fallback)
        if delete.contains(where: { $0.positions.contains(where: \.isBlankNode) }) {
            throw RasqalUpdateParser.syntaxError("blank nodes are not allowed in DELETE DATA, DELETE WHERE or a DELETE template")
        }
        if operation.flags & Int32(RASQAL_UPDATE_FLAGS_DATA.rawValue) != 0 {
            if let variable = (insert + delete).lazy.flatMap(\.positions).first(where: \.isVariable) {
                throw RasqalUpdateParser.syntaxError("variables are not allowed in INSERT DATA or DELETE DATA (\(variable))")
            }
            return .data(insert: insert, delete: delete)
        }
        guard clausesRead < clauses.count else {
            throw RasqalUpdateParser.syntaxError("the WHERE clause of an operation could not be found in the update's text")
        }
        clausesRead += 1
        return .modify(delete: delete, insert: insert, where: clauses[clausesRead - 1])
    }

    private func templates(_ sequence: OpaquePointer?, graph fallback: UpdateTerm?) throws -> [QuadTemplate] {
        guard let sequence else { return [] }
        return try (0..<raptor_sequence_size(sequence)).compactMap { index in
            guard let triple = raptor_sequence_get_at(sequence, index)?.assumingMemoryBound(to: rasqal_triple.self).pointee,
                  let subject = triple.subject, let predicate = triple.predicate, let object = triple.object else { return nil }
            return QuadTemplate(try term(subject), try term(predicate), try term(object),
                                graph: try triple.origin.map(term) ?? fallback)
        }
    }

    /// A template position: a variable, or a constant. rasqal reads `_:b` and `[]` in triple
    /// blocks as anonymous variables; in update templates they are blank nodes.
    private func term(_ literal: UnsafeMutablePointer<rasqal_literal>) throws -> UpdateTerm {
        if literal.pointee.type == RASQAL_LITERAL_VARIABLE, let variable = literal.pointee.value.variable {
            let name = String(cString: variable.pointee.name)
            return variable.pointee.type == RASQAL_VARIABLE_TYPE_ANONYMOUS ? .constant(.blank(name))
                : .variable(LeadingDigitVariableRewrite.originalName(name))  // as the WHERE clause's solutions name it
        }
        guard let term = RasqalTermCache.term(of: literal) else {
            throw RasqalUpdateParser.syntaxError("a term of the update is not valid RDF (invalid UTF-8?)")
        }
        return .constant(term)
    }

    private func iri(_ uri: OpaquePointer) -> RDFTerm {
        var length = 0
        let bytes = raptor_uri_as_counted_string(uri, &length)
        return .iri(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
    }
}
