import RDFModel

/// A SPARQL 1.1 Update request as rasqal parsed it, free of C pointers: the operations in order.
public struct SPARQLUpdateRequest: Sendable {
    public var operations: [UpdateOperation]
}

/// One operation of an update request.
public enum UpdateOperation: Sendable, Equatable {
    /// INSERT DATA / DELETE DATA: ground quads. Blank nodes (INSERT DATA only) are labels local
    /// to the request; the executor makes them fresh.
    case data(insert: [QuadTemplate], delete: [QuadTemplate])
    /// DELETE/INSERT … WHERE and DELETE WHERE.
    case modify(delete: [QuadTemplate], insert: [QuadTemplate], where: WhereClause)
    case clear(GraphSelection, silent: Bool)
    case drop(GraphSelection, silent: Bool)
    case create(RDFTerm, silent: Bool)
    /// LOAD <document> [INTO GRAPH <graph>] (nil: the default graph).
    case load(document: String, into: RDFTerm?, silent: Bool)
    /// ADD, MOVE or COPY between two graphs (nil: the default graph).
    case transfer(GraphTransfer, from: RDFTerm?, to: RDFTerm?, silent: Bool)
}

/// A DELETE/INSERT operation's WHERE clause: its group graph pattern (`{ … }`) as written, the
/// PREFIX and BASE declarations in effect where it stands (the request's base IRI first), and the
/// dataset its USING clauses or its WITH graph give it.
public struct WhereClause: Sendable, Equatable {
    public var prologue: String
    /// The operation's USING and USING NAMED clauses, as FROM and FROM NAMED; empty without them.
    public var dataset: String
    /// The operation's WITH graph, as written: the default graph of the clause when it has no USING.
    public var withGraph: String?
    public var pattern: String
    /// The line of the request the pattern starts on (1 for the first).
    public var line: Int

    public init(prologue: String, dataset: String = "", withGraph: String? = nil, pattern: String, line: Int = 1) {
        (self.prologue, self.dataset, self.withGraph, self.pattern, self.line) = (prologue, dataset, withGraph, pattern, line)
    }

    /// Whether USING or WITH gives the clause its dataset.
    public var hasOwnDataset: Bool { !dataset.isEmpty || withGraph != nil }

    /// The clause as a query: `SELECT *`, then its dataset (under WITH without USING: FROM the
    /// WITH graph, and FROM NAMED each of `namedGraphs`, so that GRAPH still ranges over them),
    /// then the pattern, on the line it has in the request where it can be (so that an error's
    /// line is the request's).
    public func select(namedGraphs: [RDFTerm]) -> String {
        var from = dataset
        if from.isEmpty, let withGraph {
            from = "FROM \(withGraph)" + namedGraphs.map { " FROM NAMED \($0.ntriples)" }.joined()
        }
        let head = prologue + "\nSELECT * " + from
        let whereLine = head.count { $0 == "\n" } + 2
        return head + String(repeating: "\n", count: max(1, line - whereLine + 1)) + "WHERE " + pattern
    }
}

/// The graphs CLEAR and DROP apply to.
public enum GraphSelection: Sendable, Equatable {
    case graph(RDFTerm)
    case defaultGraph
    case named
    case all
}

/// ADD keeps the target's triples, COPY replaces them, MOVE replaces them and drops the source.
public enum GraphTransfer: String, Sendable {
    case add = "ADD", move = "MOVE", copy = "COPY"
}

/// A position of an update template: a constant term or a variable. A constant blank node of a
/// template stands for a new blank node per solution.
public enum UpdateTerm: Hashable, Sendable {
    case constant(RDFTerm)
    case variable(String)
}

/// A triple template with its graph (nil: the default graph; the `WITH` graph when there is one).
public struct QuadTemplate: Hashable, Sendable {
    public var subject: UpdateTerm
    public var predicate: UpdateTerm
    public var object: UpdateTerm
    public var graph: UpdateTerm?

    public init(_ subject: UpdateTerm, _ predicate: UpdateTerm, _ object: UpdateTerm, graph: UpdateTerm? = nil) {
        (self.subject, self.predicate, self.object, self.graph) = (subject, predicate, object, graph)
    }
}

extension QuadTemplate {
    var positions: [UpdateTerm] { [subject, predicate, object] + (graph.map { [$0] } ?? []) }
}

extension UpdateTerm {
    var isVariable: Bool { if case .variable = self { return true } else { return false } }
    var isBlankNode: Bool { if case .constant(.blank) = self { return true } else { return false } }

    /// SPARQL syntax: `?name`, or the term as N-Triples writes it (valid SPARQL), keeping an
    /// explicit `xsd:string`, which the store tells apart from a simple literal.
    var sparql: String {
        switch self {
        case .variable(let name): return "?" + name
        case .constant(.literal(let lexical, nil, Vocabulary.xsdString?)):
            return RDFTerm.literal(lexical).ntriples + "^^<\(Vocabulary.xsdString)>"
        case .constant(let term): return term.ntriples
        }
    }
}

extension UpdateTerm: CustomStringConvertible {
    public var description: String { sparql }
}
