import CRasqalOverrides
import CRedland
import RDFModel
import Redland

/// Counting solutions per group in the store itself, for queries that group the matches of one
/// triple pattern by one of its variables, or not at all, and only count them:
///
///     SELECT ?class (COUNT(?x) AS ?n) WHERE { [GRAPH <g>] { ?x rdf:type ?class } }
///     GROUP BY ?class [ORDER BY DESC(?n) ?class] [LIMIT k] [OFFSET m]
///     SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }
///     SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g
///
/// and, when the store applies a DISTINCT to the solutions afterwards (`SolutionModifiers`), the
/// distinct values of one variable of such a pattern, grouped the same way with nothing counted:
///
///     SELECT DISTINCT ?p WHERE { ?s ?p ?o }
///
/// and the count of a sub-SELECT DISTINCT of one variable of such a pattern, which is that
/// variable's distinct count:
///
///     SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?x WHERE { ?x rdf:type ?t } } }
///
/// rasqal would read every match as a row, bind it, evaluate the key and keep the row in its
/// group (most of such a query's time went to its allocations); SQLite counts per key id over the
/// index instead, and only the groups become terms.
///
/// The shape is recognised on rasqal's parsed query, never on its text, and every part must be
/// understood: anything else (FILTER, several patterns, a repeated variable, HAVING, DISTINCT,
/// another aggregate or expression, `COUNT(DISTINCT *)`, a graph variable that is not the key,
/// a trailing VALUES) leaves the query to rasqal. Grouped by a graph variable, the groups are the
/// named graphs of the dataset that have matches (not the default graph; not a graph named by a
/// blank node, which `GRAPH` never visits). All variables of a single pattern are bound in each match, so
/// `COUNT(?v)` of one of them equals `COUNT(*)`, and `COUNT(DISTINCT ?v)` counts the distinct
/// term ids at its position (rasqal's own distinct count over-counts, and takes minutes on a
/// million rows). Where rasqal's ordering could differ, `rows` answers nil and rasqal runs the
/// query: an ORDER BY on the key when a key is not an IRI (rasqal orders literals its own way).
struct GroupCountPlan {
    /// A position of the triple pattern: a constant term or a variable.
    private enum Part {
        case constant(UnsafeMutablePointer<rasqal_literal>)
        case variable(String)
    }

    /// What a result column holds: the group's key, or the `index`th count.
    private enum Column: Equatable {
        case key
        case count(index: Int)
    }

    private let parts: [Part]  // subject, predicate, object
    /// The GRAPH's IRI, or nil: outside GRAPH, or, with `keyPosition` 3, a graph variable.
    private let graph: UnsafeMutablePointer<rasqal_literal>?
    /// The position (0 subject, 1 predicate, 2 object, 3 graph) of the grouping variable; nil: one group.
    private let keyPosition: Int?
    /// What each count counts: every match (nil), or the distinct values of a position.
    private let counts: [Int?]
    /// Projected variable names and what each holds.
    private let projection: [(name: String, column: Column)]
    private let order: [(column: Column, descending: Bool)]
    private let limit: Int?
    private let offset: Int

    /// The projected variables, in order.
    var variables: [String] { projection.map(\.name) }

    /// The plan for a prepared SELECT, or nil when it is not of this shape.
    /// - Parameter distinct: whether the solutions are made distinct afterwards (the query's
    ///   DISTINCT, taken off the text rasqal was given).
    init?(_ query: OpaquePointer, distinct: Bool = false) {
        guard rasqal_query_get_verb(query) == RASQAL_QUERY_VERB_SELECT, rasqal_query_get_wildcard(query) == 0,
              rasqal_query_get_distinct(query) == 0,
              raptorSequenceCount(rasqal_query_get_having_conditions_sequence(query)) == 0,
              raptorSequenceCount(rasqal_query_get_bindings_variables_sequence(query)) == 0  // a trailing VALUES
        else { return nil }
        let pattern = rasqal_query_get_query_graph_pattern(query)
        // The variable a sub-SELECT DISTINCT projects, when the query counts its rows.
        var distinctOf: String?
        let triple: UnsafeMutablePointer<rasqal_triple>, graph: UnsafeMutablePointer<rasqal_literal>?
        if let found = RasqalGraphPatterns.soleTriple(in: pattern) {
            (triple, graph) = found
        } else if let found = Self.distinctSubquery(in: pattern),
                  raptorSequenceCount(rasqal_query_get_group_conditions_sequence(query)) == 0, !distinct {
            (triple, graph, distinctOf) = (found.triple, found.graph, found.variable)
        } else {
            return nil
        }
        var keyName: String?
        switch raptorSequenceCount(rasqal_query_get_group_conditions_sequence(query)) {
        case 0: keyName = distinct ? Self.soleProjectedVariable(query) : nil
        case 1:
            let groups = rasqal_query_get_group_conditions_sequence(query)
            guard let name = Self.variableName(raptor_sequence_get_at(groups, 0)?.assumingMemoryBound(to: rasqal_expression.self)) else { return nil }
            keyName = name
        default: return nil
        }

        var parts: [Part] = []
        for literal in [triple.pointee.subject, triple.pointee.predicate, triple.pointee.object] {
            guard let literal else { return nil }
            if let variable = rasqal_literal_as_variable(literal) {
                guard let name = variable.pointee.name else { return nil }
                parts.append(.variable(String(cString: name)))
            } else {
                parts.append(.constant(literal))
            }
        }
        var names = parts.map { part -> String? in if case .variable(let name) = part { return name }; return nil }
        let graphVariable = graph.flatMap(rasqal_literal_as_variable)
        if let graphVariable {
            guard let name = graphVariable.pointee.name else { return nil }
            names.append(String(cString: name))
        }
        guard Set(names.compactMap { $0 }).count == names.compactMap({ $0 }).count else { return nil }
        let keyPosition = keyName.flatMap { names.firstIndex(of: $0) }
        guard (keyName == nil) == (keyPosition == nil), graphVariable == nil || keyPosition == 3 else { return nil }

        var projection: [(name: String, column: Column)] = [], counts: [Int?] = []
        guard let bound = rasqal_query_get_bound_variable_sequence(query) else { return nil }
        for i in 0..<raptor_sequence_size(bound) {
            guard let variable = raptor_sequence_get_at(bound, i)?.assumingMemoryBound(to: rasqal_variable.self),
                  let name = variable.pointee.name.map({ String(cString: $0) }) else { return nil }
            if let expression = variable.pointee.expression {
                guard let counted = Self.counted(by: expression, positions: names, distinctOf: distinctOf) else { return nil }
                projection.append((name, .count(index: counts.count)))
                counts.append(counted)
            } else {
                guard name == keyName else { return nil }
                projection.append((name, .key))
            }
        }

        var order: [(column: Column, descending: Bool)] = []
        if let conditions = rasqal_query_get_order_conditions_sequence(query) {
            for i in 0..<raptor_sequence_size(conditions) {
                guard var condition = raptor_sequence_get_at(conditions, i)?.assumingMemoryBound(to: rasqal_expression.self)
                else { return nil }
                var descending = false
                if condition.pointee.op == RASQAL_EXPR_ORDER_COND_ASC || condition.pointee.op == RASQAL_EXPR_ORDER_COND_DESC {
                    descending = condition.pointee.op == RASQAL_EXPR_ORDER_COND_DESC
                    guard let argument = condition.pointee.arg1 else { return nil }
                    condition = argument
                }
                guard let name = Self.variableName(condition) else { return nil }
                if name == keyName {
                    order.append((.key, descending))
                } else if let item = projection.first(where: { $0.name == name }), item.column != .key {
                    order.append((item.column, descending))
                } else {
                    return nil
                }
            }
        }

        // Counts, or (the DISTINCT taken off) the distinct values of the key; nothing else.
        guard !counts.isEmpty || (distinct && keyName != nil) else { return nil }
        let limit = Int(rasqal_query_get_limit(query))
        self.parts = parts
        self.counts = counts
        self.graph = graphVariable == nil ? graph : nil
        self.keyPosition = keyPosition
        self.projection = projection
        self.order = order
        self.limit = limit >= 0 ? limit : nil
        offset = max(0, Int(rasqal_query_get_offset(query)))
    }

    /// The solutions over `dataset`, or nil when rasqal must answer (see the type's comment).
    func rows(in dataset: RasqalDataset) throws -> [[RDFTerm?]]? {
        dataset.countLookup()
        let cache = dataset.cache
        var ids: [Int64?] = [nil, nil, nil]
        for (i, part) in parts.enumerated() {
            guard case .constant(let literal) = part else { continue }
            guard let id = cache.id(of: literal) else { return nil }  // no match: no group
            ids[i] = id
        }
        let byGraph = keyPosition == 3
        let scope: (graphs: [Int64]?, merge: Bool)
        if byGraph {
            scope = (dataset.namedGraphsAreStoredGraphs ? nil : dataset.namedGraphList, false)
        } else {
            guard let found = dataset.scope(origin: graph) else { return nil }
            scope = found
        }
        var groups = try cache.database.groupCounts(by: keyPosition, counting: counts, subject: ids[0], predicate: ids[1], object: ids[2],
                                                    graphs: scope.graphs, namedOnly: byGraph, distinctTriples: scope.merge)
            .map { (key: try $0.key.map { try cache.database.term($0).term }, counts: $0.counts) }
        if byGraph { groups.removeAll { if case .iri? = $0.key { false } else { true } } }

        if order.contains(where: { $0.column == .key }) {
            guard groups.allSatisfy({ if case .iri? = $0.key { return true }; return false }) else { return nil }
        }
        if !order.isEmpty {
            groups.sort { a, b in
                for (column, descending) in order {
                    let ascending: Bool?
                    switch column {
                    case .count(let index): ascending = a.counts[index] == b.counts[index] ? nil : a.counts[index] < b.counts[index]
                    case .key: ascending = Self.iriOrder(a.key, b.key)
                    }
                    if let ascending { return ascending != descending }
                }
                return false
            }
        }
        let selected = groups.dropFirst(offset).prefix(limit ?? groups.count)
        return selected.map { group in
            projection.map { item -> RDFTerm? in
                switch item.column {
                case .key: return group.key
                case .count(let index): return .literal(String(group.counts[index]), datatype: Vocabulary.xsdInteger)
                }
            }
        }
    }

    // MARK: Reading rasqal's query


    /// What `COUNT(*)`, `COUNT(?v)` or `COUNT(DISTINCT ?v)` of a variable of the pattern counts
    /// (`positions` names each position's variable): every match (the inner nil) or the distinct
    /// values of `?v`'s position; nil for any other expression. Over the rows of a sub-SELECT
    /// DISTINCT of `distinctOf`, every count is that variable's distinct count.
    private static func counted(by expression: UnsafeMutablePointer<rasqal_expression>, positions: [String?],
                                distinctOf: String?) -> Int?? {
        guard expression.pointee.op == RASQAL_EXPR_COUNT, let argument = expression.pointee.arg1 else { return nil }
        let distinct = expression.pointee.flags & UInt32(RASQAL_EXPR_FLAG_DISTINCT.rawValue) != 0
        if let distinctOf {
            guard argument.pointee.op == RASQAL_EXPR_VARSTAR ? !distinct : (variableName(argument) ?? guardedVariable(argument)) == distinctOf,
                  let position = positions.firstIndex(of: distinctOf) else { return nil }
            return .some(position)
        }
        if argument.pointee.op == RASQAL_EXPR_VARSTAR { return distinct ? nil : .some(nil) }
        guard let name = variableName(argument) ?? guardedVariable(argument),
              let position = positions.firstIndex(of: name) else { return nil }
        return .some(distinct ? position : nil)
    }

    /// The one triple pattern (and GRAPH) of a WHERE made of one sub-SELECT DISTINCT of one
    /// variable over it, with nothing else (no modifier, FILTER or VALUES), and that variable.
    private static func distinctSubquery(in pattern: OpaquePointer?)
        -> (triple: UnsafeMutablePointer<rasqal_triple>, graph: UnsafeMutablePointer<rasqal_literal>?, variable: String)? {
        // rasqal makes `{ { SELECT … } }` the sub-SELECT itself.
        guard let pattern, let subquery = RasqalGraphPatterns.subquery(pattern),
              coatt_rasqal_subquery_is_plain_distinct(UnsafeMutableRawPointer(subquery)) != 0,
              let projected = RasqalGraphPatterns.projectedVariables(of: subquery), projected.count == 1,
              projected[0].pointee.expression == nil, let name = projected[0].pointee.name,
              let (triple, graph) = RasqalGraphPatterns.soleTriple(in: rasqal_graph_pattern_get_sub_graph_pattern(subquery, 0))
        else { return nil }
        return (triple, graph, String(cString: name))
    }

    /// `?v` of `IF(BOUND(?v), ?v, …)`, the form `AggregateRewrite` gives an aggregate of `?v`.
    private static func guardedVariable(_ expression: UnsafeMutablePointer<rasqal_expression>) -> String? {
        guard expression.pointee.op == RASQAL_EXPR_IF, let condition = expression.pointee.arg1,
              condition.pointee.op == RASQAL_EXPR_BOUND, let name = variableName(condition.pointee.arg1),
              variableName(expression.pointee.arg2) == name else { return nil }
        return name
    }

    /// The one variable a SELECT projects, when it projects one and no expression.
    private static func soleProjectedVariable(_ query: OpaquePointer) -> String? {
        guard let bound = rasqal_query_get_bound_variable_sequence(query), raptor_sequence_size(bound) == 1,
              let variable = raptor_sequence_get_at(bound, 0)?.assumingMemoryBound(to: rasqal_variable.self),
              variable.pointee.expression == nil, let name = variable.pointee.name else { return nil }
        return String(cString: name)
    }

    /// The name of the variable an expression consists of, or nil.
    private static func variableName(_ expression: UnsafeMutablePointer<rasqal_expression>?) -> String? {
        guard let expression, expression.pointee.op == RASQAL_EXPR_LITERAL, let literal = expression.pointee.literal,
              let variable = rasqal_literal_as_variable(literal), let name = variable.pointee.name else { return nil }
        return String(cString: name)
    }

    /// IRIs in SPARQL order (code points, as rasqal compares them: byte-wise on UTF-8); nil when equal.
    private static func iriOrder(_ a: RDFTerm?, _ b: RDFTerm?) -> Bool? {
        guard case .iri(let x)? = a, case .iri(let y)? = b else { return nil }
        if x.utf8.elementsEqual(y.utf8) { return nil }
        return x.utf8.lexicographicallyPrecedes(y.utf8)
    }
}
