import CRasqalOverrides
import CRedland
import Foundation
import RDFModel
import Redland

/// What a query without FROM or FROM NAMED reads as its default graph.
public enum DefaultGraph: Sendable {
    /// Every graph of the store, merged: user stores load each file into a graph of its own.
    case union
    /// Only the store's default graph (graph id 0), as `roqet -D`: `coatt query --data/--named`.
    case defaultOnly
}

/// Runs SPARQL on rasqal directly over a `QuadDatabase`, through `RasqalTriplesSource`.
///
/// The dataset follows SPARQL 1.1: with FROM, the default graph is the merge of those graphs of
/// the store; with FROM NAMED, `GRAPH` visits those; with neither, the default graph is given by
/// `DefaultGraph` and `GRAPH` visits every named graph (never the default graph). A FROM IRI only
/// selects a graph of the store: nothing is ever loaded or fetched, and SERVICE is refused. A
/// SPARQL Protocol dataset (`ProtocolDataset`) given with the query replaces its FROM/FROM NAMED.
///
/// An engine owns a rasqal world, so it belongs to one thread at a time, like its store.
public final class RasqalEngine: @unchecked Sendable {
    public let database: QuadDatabase
    private let world: OpaquePointer
    private let raptorWorld: OpaquePointer
    private var cache: RasqalTermCache!
    private var log = RasqalMessageLog()
    /// The last query's counts (a weak reference to its dataset would slow down every retain
    /// and release of every dataset: Swift then keeps their reference counts in a side table).
    private var lastCounts = ScanCounts()
    /// The last query text the scope checks passed: a dashboard or a client that repeats a query
    /// does not tokenise it again for them (about 20 µs for a page of text).
    private var lastCheckedQuery: String?

    /// Creating and freeing worlds touches raptor's process-wide state (REDLAND.md §5).
    private static let lifecycleLock = NSLock()

    public init(database: QuadDatabase) throws {
        self.database = database
        CharacterLocale.utf8
        RegexTranslator.installed
        Self.lifecycleLock.lock()
        defer { Self.lifecycleLock.unlock() }
        guard let world = rasqal_new_world() else { throw RedlandError("cannot create a rasqal world") }
        guard rasqal_world_open(world) == 0, let raptorWorld = rasqal_world_get_raptor(world) else {
            rasqal_free_world(world)
            throw RedlandError("cannot open a rasqal world")
        }
        self.world = world
        self.raptorWorld = raptorWorld
        // rasqal's and raptor's messages are collected, never printed.
        rasqal_world_set_log_handler(world, Unmanaged.passUnretained(self).toOpaque()) { userData, message in
            guard let userData, let message else { return }
            Unmanaged<RasqalEngine>.fromOpaque(userData).takeUnretainedValue().log.record(message)
        }
        RasqalTriplesSource.install(on: world)
        cache = RasqalTermCache(database: database, world: world)
    }

    deinit {
        cache = nil  // its literals belong to the world
        Self.lifecycleLock.lock()
        defer { Self.lifecycleLock.unlock() }
        rasqal_free_world(world)
    }

    /// Who answers SERVICE patterns; nil refuses every one (`ServiceRefused`).
    public var serviceEndpoints: (any ServiceEndpoints)?

    /// Whether a pattern on the right of a join looks up only the rows that can join the left
    /// row (`RasqalJoinHints`); turned off only to measure what that saves, as tests do.
    public var narrowsJoins = true

    /// Triple-pattern lookups made by the last query so far.
    public var lookups: Int { lastCounts.lookups }

    /// Rows those lookups have read so far: what the last query's scans cost.
    public var rowsRead: Int { lastCounts.rows }

    /// Named graphs of the store the last query without FROM NAMED declared to rasqal for its
    /// `GRAPH` blocks (none when it has none).
    public var graphsDeclared: Int { lastCounts.graphsDeclared }

    /// EXISTS patterns the last query prepared as ASK queries (each run for many solutions).
    public var checksPrepared: Int { lastCounts.checksPrepared }

    /// Parses and runs a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).
    /// Solutions are read lazily: each `next()` pulls one from rasqal.
    /// - Parameter dataset: a SPARQL Protocol dataset that replaces the query's FROM and FROM NAMED.
    /// - Throws: `SPARQLSyntaxError` with rasqal's message and line when the query is rejected;
    ///   `ServiceRefused` and `ServiceFailed` for SERVICE (`serviceEndpoints`); `RedlandError` for SPARQL
    ///   Update and queries rasqal fails to run.
    public func query(_ sparql: String, baseIRI: String? = nil, defaultGraph: DefaultGraph = .union,
                      dataset protocolDataset: ProtocolDataset? = nil) throws -> QueryAnswer {
        try checkSyntax(of: sparql, baseIRI: baseIRI)
        // SERVICE blocks are answered first, with no transaction open while an endpoint is waited for.
        guard ServiceBlock.isMentioned(in: sparql) else {
            return try run(reading: sparql, baseIRI: baseIRI, defaultGraph: defaultGraph, dataset: protocolDataset)
        }
        let text = try resolvingServices(in: sparql, baseIRI: baseIRI, defaultGraph: defaultGraph, dataset: protocolDataset,
                                         endpoints: serviceEndpoints)
        let answer = try run(reading: text, baseIRI: baseIRI, defaultGraph: defaultGraph, dataset: protocolDataset)
        // An answer moved before the members it joins (`ServiceBlock.replaced(with:joinedOn:)`)
        // must not reorder the columns of a `SELECT *`, which come in the order the query names them.
        guard case .solutions(let cursor) = answer, let ranks = ServiceBlock.wildcardColumnRanks(of: sparql) else { return answer }
        return .solutions(VisibleSolutions.of(cursor, ranks: ranks))
    }

    /// Refuses a query that SPARQL 1.1 makes a syntax error and rasqal would answer in silence;
    /// each check runs only when the text mentions what it looks for. A check reads the text as
    /// well formed: when one refuses it, rasqal's own error comes first (`SELECT COUNT(?s) AS ?n`
    /// lacks its parentheses before it aggregates ?s).
    private func checkSyntax(of sparql: String, baseIRI: String?) throws {
        guard sparql != lastCheckedQuery else { return }
        let mentions = SyntaxMentions(of: sparql)
        let due = Self.syntaxChecks.filter { !mentions.isDisjoint(with: $0.mentions) }
        // Tokenised once for every check due.
        if !due.isEmpty, let query = TokenizedQuery(sparql) {
            for check in due {
                if let refusal = check.refusal(query) { throw rasqalSyntaxError(of: sparql, mentions: mentions, baseIRI: baseIRI) ?? refusal }
            }
        }
        lastCheckedQuery = sparql
    }

    /// rasqal's syntax error for `sparql`, read as `run(_:baseIRI:defaultGraph:dataset:)` gives it
    /// to rasqal; nil when it parses.
    private func rasqalSyntaxError(of sparql: String, mentions: SyntaxMentions, baseIRI: String?) -> SPARQLSyntaxError? {
        let readable = Self.readableSyntax(of: sparql, mentions: mentions)
        let text = (try? QueryRewrite(readable, baseIRI: baseIRI))?.text ?? readable
        do {
            rasqal_free_query(try prepare(DescribeQuery.preparable(text, mentions: mentions), baseIRI: baseIRI))
        } catch {
            return error as? SPARQLSyntaxError
        }
        return nil
    }

    private static let syntaxChecks: [(mentions: SyntaxMentions, refusal: @Sendable (TokenizedQuery) -> SPARQLSyntaxError?)] = [
        ([.grouping, .aggregateCall], GroupedProjectionCheck.refusal),
        (.assignment, AssignmentScopeCheck.refusal),
        (.values, ValuesShapeCheck.refusal),
        (.characterEscape, CharacterEscapeCheck.refusal),
    ]

    /// Sets the query up and computes its first solution (every solution of an ASK, a CONSTRUCT,
    /// a grouped or sorted SELECT) in one read transaction.
    /// Variables renamed for rasqal get their names back (`LeadingDigitVariableRewrite`).
    private func run(reading text: String, baseIRI: String?, defaultGraph: DefaultGraph, dataset: ProtocolDataset?) throws -> QueryAnswer {
        let answer = try database.reading {
            try run(text, baseIRI: baseIRI, defaultGraph: defaultGraph, dataset: dataset)
        }
        guard case .solutions(let cursor) = answer else { return answer }
        return .solutions(VisibleSolutions.of(cursor, renaming: LeadingDigitVariableRewrite.originalName))
    }

    /// - Parameters:
    ///   - written: the query text, rewritten here when it has paths, EXISTS or MINUS (`QueryRewrite`)
    ///     or SPARQL rasqal would misread (`readableSyntax(of:mentions:)`).
    ///   - given: placeholders already in `written` (a DESCRIBE's SELECT).
    ///   - inherited: for a check's ASK, the graphs and values it reads instead of a dataset of its own.
    func run(_ written: String, baseIRI: String?, defaultGraph: DefaultGraph, dataset protocolDataset: ProtocolDataset?,
                     placeholders given: Placeholders = Placeholders(), inherited: InheritedDataset? = nil) throws -> QueryAnswer {
        let mentions = SyntaxMentions(of: written)
        let readable = Self.readableSyntax(of: written, mentions: mentions)
        if !mentions.isDisjoint(with: [.regex, .replace]), let refusal = RegexCheck.refusal(in: readable) { throw refusal }
        let rewrite = try QueryRewrite(readable, baseIRI: baseIRI)
        let sparql = rewrite?.text ?? readable
        let placeholders = rewrite?.placeholders ?? given
        try validateNegation(in: sparql, checks: placeholders.checks, baseIRI: baseIRI)
        // The outer query's DISTINCT and ORDER BY are applied here (`SolutionModifiers`), not by rasqal.
        let detached = inherited == nil && mentions.contains(.solutionModifier) ? SolutionModifiers.detached(from: sparql) : nil
        let ordered = { (cursor: any SolutionCursor) in detached.map { $0.modifiers.apply(to: cursor) } ?? cursor }
        let query = try prepare(DescribeQuery.preparable(detached?.text ?? sparql, mentions: mentions), baseIRI: baseIRI)
        var owned = true
        defer { if owned { rasqal_free_query(query) } }
        let verb = rasqal_query_get_verb(query)
        guard [RASQAL_QUERY_VERB_SELECT, RASQAL_QUERY_VERB_ASK, RASQAL_QUERY_VERB_CONSTRUCT, RASQAL_QUERY_VERB_DESCRIBE].contains(verb) else {
            throw UnsupportedQuery(description: "this is a SPARQL Update, not a query (SELECT, ASK, CONSTRUCT, DESCRIBE): send it as an update (the endpoint's update= parameter or application/sparql-update, with its token)")
        }
        if let endpoint = Self.serviceEndpoint(in: rasqal_query_get_query_graph_pattern(query)) {
            throw ServiceRefused(endpoint: endpoint)
        }
        // rasqal fails DESCRIBE <iri> and answers DESCRIBE … WHERE with no triples: the resources
        // come from the query run as a SELECT, the descriptions from the store.
        let describe = verb == RASQAL_QUERY_VERB_DESCRIBE ? try DescribeQuery(query, text: sparql) : nil
        var described = describe?.iris ?? []
        if let select = describe?.select,
           case .solutions(let cursor) = try run(select, baseIRI: baseIRI, defaultGraph: defaultGraph, dataset: protocolDataset,
                                                 placeholders: placeholders, inherited: inherited) {
            while let row = cursor.next() {
                described += row.compactMap { term in term.flatMap { if case .literal = $0 { nil } else { $0 } } }
            }
        }
        let objectTests = RasqalFilterPushdown.analyse(query)
        let estimate = RasqalScanEstimate(cache: cache, placeholders: placeholders)
        // A check's values given by store id are bound before its pattern runs.
        let given = inherited?.fixed ?? [:]
        let fixed = given.isEmpty ? [] : Set(Self.variablesByName(query).filter { given[$0.key] != nil }.values)
        try RasqalPatternOrder.reorder(query, tested: Set(objectTests.keys), fixed: fixed, estimate: estimate.rows(of:given:))
        let onePass = RasqalOnePassGraphs.analyse(query, placeholders: placeholders)
        try RasqalGraphBlockOrder.reorder(query, graphs: { graph in
            onePass.variables.contains(graph) ? 1 : try self.database.graphIDs().filter { $0 != 0 }.count
        }, rows: estimate.rows)
        try RasqalSubqueryOrder.reorder(query, rows: estimate.rows)
        RasqalGraphVariableJoin.unbindGraphVariables(of: query, readInOnePass: onePass.variables.contains)
        if let protocolDataset { replaceDataGraphs(of: query, with: protocolDataset) }
        let dataset = try makeDataset(query, defaultGraph: defaultGraph, inherited: inherited, declaringNamedGraphs: onePass.othersVisitGraphs)
        install(placeholders, of: query, in: dataset, baseIRI: baseIRI, defaultGraph: defaultGraph)
        dataset.objectTests = objectTests
        if describe != nil { return .graph(try conciseBoundedDescriptions(of: described, in: dataset)) }
        declareGraphsOutsideDataset(query)
        if inherited == nil { lastCounts = dataset.counts }  // a check's ASK is part of the query that asks it
        if placeholders.isEmpty, let plan = GroupCountPlan(query, distinct: detached?.modifiers.distinct == true),
           let rows = try plan.rows(in: dataset) {
            return .solutions(VisibleSolutions.of(ordered(ComputedSolutions(variables: plan.variables, rows: rows))))
        }
        rasqal_query_set_user_data(query, Unmanaged.passUnretained(dataset).toOpaque())
        // A check's blank nodes, for the FILTERs of its pattern that read them (triple patterns
        // match them by id: `fixedValue(of:)`).
        let variables = dataset.fixedBindings.isEmpty ? [:] : Self.variablesByName(query)
        for (name, id) in dataset.fixedBindings {
            if let variable = variables[name] { rasqal_variable_set_value(variable, dataset.literal(for: id)) }
        }
        guard let results = RasqalOnePassGraphs.executing(with: onePass.variables, { rasqal_query_execute(query) }) else {
            throw failure("the query could not be run")
        }

        if rasqal_query_results_is_bindings(results) != 0 {
            owned = false  // the cursor frees the query, also when it throws
            let cursor = try RasqalSolutionCursor(engine: self, query: query, results: results, dataset: dataset)
            let outOfScope = SelectAllScope.outOfScopeNames(of: query, columns: cursor.variables)
            return .solutions(VisibleSolutions.of(ordered(cursor), outOfScope: outOfScope))
        }
        defer { rasqal_free_query_results(results) }
        if rasqal_query_results_is_boolean(results) != 0 {
            let value = rasqal_query_results_get_boolean(results)
            guard value >= 0 else { throw failure("the query failed") }
            if let failure = loggedFailure() { throw failure }
            return .boolean(value > 0)
        }
        // A graph is a set: rasqal repeats a triple that several solutions construct.
        var quads: [Quad] = []
        var seen = Set<Quad>()
        if rasqal_query_results_is_graph(results) != 0 {
            let objectVariables = Self.templateObjectVariables(of: query)
            while let statement = rasqal_query_results_get_triple(results) {
                if let s = RDFTerm(node: statement.pointee.subject), let p = RDFTerm(node: statement.pointee.predicate),
                   let written = RDFTerm(node: statement.pointee.object),
                   case let o = cache.storedTerm(for: written, amongValuesOf: objectVariables), seen.insert(Quad(s, p, o)).inserted {
                    quads.append(Quad(s, p, o))
                }
                if rasqal_query_results_next_triple(results) != 0 { break }
            }
        }
        if let failure = loggedFailure() { throw failure }
        return .graph(quads)
    }

    /// The variables in the object positions of a CONSTRUCT template.
    private static func templateObjectVariables(of query: OpaquePointer) -> [UnsafeMutablePointer<rasqal_variable>] {
        var variables: [UnsafeMutablePointer<rasqal_variable>] = []
        var index: Int32 = 0
        while let triple = rasqal_query_get_construct_triple(query, index) {
            if let variable = rasqal_literal_as_variable(triple.pointee.object) { variables.append(variable) }
            index += 1
        }
        return variables
    }

    /// The Concise Bounded Descriptions of `resources` in the default graph of `dataset`: the
    /// triples each is the subject of, and those of the blank nodes among their objects, recursively;
    /// each triple once.
    private func conciseBoundedDescriptions(of resources: [RDFTerm], in dataset: RasqalDataset) throws -> [Quad] {
        // nil: every graph; nil among them: the store's default graph.
        let graphs: [RDFTerm?]? = try dataset.defaultGraphs.map { ids in try ids.map { $0 == 0 ? nil : try database.term($0).term } }
        var triples: [Quad] = [], seen = Set<Quad>(), visited = Set<RDFTerm>(), queue = resources, next = 0
        while next < queue.count {
            let resource = queue[next]
            next += 1
            guard visited.insert(resource).inserted else { continue }
            let visit = { (quad: Quad) in
                let triple = Quad(quad.subject, quad.predicate, quad.object)
                guard seen.insert(triple).inserted else { return }
                triples.append(triple)
                if case .blank = quad.object { queue.append(quad.object) }
            }
            if let graphs {
                for graph in graphs { try database.forEach(QuadPattern(subject: resource, graph: graph), anyGraph: false, visit) }
            } else {
                try database.forEach(QuadPattern(subject: resource), anyGraph: true, visit)
            }
        }
        return triples
    }

    /// The IRIs a query names in FROM and FROM NAMED, in order, for callers that build a
    /// throwaway store holding them (`coatt query --store memory`, like roqet loading them).
    public func datasetIRIs(of sparql: String, baseIRI: String? = nil) throws -> [String] {
        let mentions = SyntaxMentions(of: sparql)
        let readable = Self.readableSyntax(of: sparql, mentions: mentions)
        let query = try prepare(DescribeQuery.preparable(try QueryRewrite(readable, baseIRI: baseIRI)?.text ?? readable, mentions: mentions),
                                baseIRI: baseIRI)
        defer { rasqal_free_query(query) }
        let graphs = dataGraphs(query)
        return graphs.from + graphs.named
    }

    // MARK: Steps

    /// The query with the SPARQL that rasqal 0.9.33 misreads or misevaluates written as it reads
    /// right: escapes in prefixed names (`PrefixedNameRewrite`), BASE after PREFIX
    /// (`PrologueOrderRewrite`), signed numbers after an operand
    /// (`NumericSignRewrite`), empty GRAPH patterns (`EmptyGraphRewrite`), `GRAPH ?g` blocks using
    /// ?g inside (`GraphVariableScopeRewrite`), FILTER and BIND variables out of scope
    /// (`ExpressionScopeRewrite`), groups starting with OPTIONAL (`LeadingOptionalRewrite`), YEAR,
    /// MONTH and DAY of dates (`DateFunctionRewrite`), DATATYPE of
    /// tagged literals (`DatatypeRewrite`), SUBSTR's ends (`SubstringRewrite`), one-variable
    /// VALUES blocks (`ValuesRewrite`), `CONCAT()` (`EmptyConcatRewrite`), IRI of an IRI
    /// (`IRIArgumentRewrite`), EXISTS in a SELECT clause's expressions (`ProjectedExistsRewrite`),
    /// GROUP BY keys other than variables (`GroupKeyRewrite`), computed arguments of CONCAT,
    /// STRBEFORE and STRAFTER (`StringArgumentRewrite`), BINDs of expressions that may be errors
    /// (`BindErrorRewrite`; the two before it may add BINDs) and aggregates (`AggregateRewrite`).
    /// Each rewrite reads the text the ones before it wrote, and only when the query mentions what
    /// it rewrites.
    /// - Parameter mentions: what `query` mentions (`SyntaxMentions(of: query)`).
    static func readableSyntax(of query: String, mentions: SyntaxMentions) -> String {
        var text = query, mentions = mentions
        /// Whether `rewrite` changed the text.
        func apply<Rewrite: TokenRewrite>(_ rewrite: Rewrite.Type, when mentioned: Bool) -> Bool {
            guard mentioned, let rewritten = Rewrite.rewritten(text) else { return false }
            text = rewritten
            return true
        }
        _ = apply(PrefixedNameRewrite.self, when: mentions.contains(.escapedLocalName))
        _ = apply(LessThanRewrite.self, when: mentions.contains(.lessThanBeforeName))
        _ = apply(LeadingDigitVariableRewrite.self, when: mentions.contains(.digitVariable))
        if apply(BlankNodeFunctionRewrite.self, when: mentions.contains(.blankNodeFunction)) {
            mentions.insert(.stringFunction)  // the CONCAT it writes, which the rewrites below must see
        }
        _ = apply(PrologueOrderRewrite.self, when: mentions.contains(.lateBase))
        _ = apply(NumericSignRewrite.self, when: mentions.contains(.signedNumber))
        _ = apply(EmptyGraphRewrite.self, when: mentions.contains(.emptyGraphPattern))
        _ = apply(GraphVariableScopeRewrite.self, when: mentions.contains(.graphVariable))
        _ = apply(ExpressionScopeRewrite.self, when: mentions.contains(.nestedExpression))
        _ = apply(LeadingOptionalRewrite.self, when: mentions.contains(.leadingOptional))
        _ = apply(DateFunctionRewrite.self, when: mentions.contains(.dateFunction))
        _ = apply(DatatypeRewrite.self, when: mentions.contains(.datatype))
        _ = apply(SubstringRewrite.self, when: mentions.contains(.substring))
        _ = apply(ValuesRewrite.self, when: mentions.contains(.values))
        _ = apply(EmptyConcatRewrite.self, when: mentions.contains(.stringFunction))
        _ = apply(IRIArgumentRewrite.self, when: mentions.contains(.iriFunction))
        _ = apply(ProjectedExistsRewrite.self, when: mentions.contains(.exists))
        let keysBound = apply(GroupKeyRewrite.self, when: mentions.contains(.grouping))
        let argumentsBound = apply(StringArgumentRewrite.self, when: mentions.contains(.stringFunction))
        _ = apply(BindErrorRewrite.self, when: mentions.contains(.bind) || keysBound || argumentsBound)
        _ = apply(AggregateRewrite.self, when: !mentions.isDisjoint(with: [.grouping, .aggregateCall]))
        return text
    }

    func prepare(_ sparql: String, baseIRI: String?) throws -> OpaquePointer {
        let text = try sparql.forRasqal()
        log = RasqalMessageLog()
        guard let query = rasqal_new_query(world, "sparql", nil) else { throw failure("rasqal has no SPARQL parser") }
        rasqal_query_set_feature(query, RASQAL_FEATURE_NO_NET, 1)
        let base = baseIRI.flatMap(uri)
        defer { if let base { raptor_free_uri(base) } }
        let rc = text.withCString {
            rasqal_query_prepare(query, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), base)
        }
        guard rc == 0 else {
            rasqal_free_query(query)
            var errors = log.messages.filter { $0.level == .error }
            if let refusal = LexicalError.refusal(in: text, rasqalErrors: errors) { throw refusal }
            if errors.isEmpty { errors = [RedlandMessage(.error, "the query could not be parsed")] }
            if QueryRewrite.mightApply(to: text), let error = syntaxErrorBesideStoreSyntax(in: text, baseIRI: baseIRI) { throw error }
            if Self.keywords(in: sparql).contains("EXISTS") { errors.append(RedlandMessage(.error, Self.negationNote)) }
            if errors.contains(where: { $0.text.contains("memory exhausted") }) {
                // rasqal's parser keeps nested groups, brackets and triples on a bounded stack.
                errors.append(RedlandMessage(.error, "the query nests too deeply, or holds too many triples in one block, "
                                             + "for rasqal 0.9.33's parser: flatten it or split it"))
            }
            throw SPARQLSyntaxError(messages: errors)
        }
        return query
    }

    /// The query's FROM (background) and FROM NAMED IRIs.
    private func dataGraphs(_ query: OpaquePointer) -> (from: [String], named: [String]) {
        var from: [String] = [], named: [String] = []
        var index: Int32 = 0
        while let graph = rasqal_query_get_data_graph(query, index) {
            index += 1
            let isNamed = graph.pointee.flags & UInt32(RASQAL_DATA_GRAPH_NAMED.rawValue) != 0
            guard let uri = (isNamed ? graph.pointee.name_uri : nil) ?? graph.pointee.uri,
                  let string = raptor_uri_as_string(uri) else { continue }
            let iri = String(cString: string)
            if isNamed { named.append(iri) } else { from.append(iri) }
        }
        return (from, named)
    }

    /// Puts the protocol's graphs in place of the query's FROM/FROM NAMED, so that the dataset is
    /// then resolved exactly as if the query had named them itself.
    private func replaceDataGraphs(of query: OpaquePointer, with dataset: ProtocolDataset) {
        if let sequence = rasqal_query_get_data_graph_sequence(query) {
            while let graph = raptor_sequence_pop(sequence) {
                rasqal_free_data_graph(graph.assumingMemoryBound(to: rasqal_data_graph.self))
            }
        }
        let graphs = dataset.defaultGraphs.map { ($0, false) } + dataset.namedGraphs.map { ($0, true) }
        for (iri, isNamed) in graphs {
            guard let name = uri(iri) else { continue }
            defer { raptor_free_uri(name) }
            let flag = isNamed ? RASQAL_DATA_GRAPH_NAMED : RASQAL_DATA_GRAPH_BACKGROUND
            if let graph = rasqal_new_data_graph_from_uri(world, name, isNamed ? name : nil, UInt32(flag.rawValue), nil, nil, nil) {
                rasqal_query_add_data_graph(query, graph)
            }
        }
    }

    /// Resolves the query's dataset to graph ids. Without FROM/FROM NAMED, with
    /// `declaringNamedGraphs`, every named graph of the store is declared to rasqal as a named
    /// data graph, since rasqal's own GRAPH ?g visits only those; other queries need none declared
    /// (one graph per post makes thousands: 2.3 ms before a point lookup of 0.05 ms), as
    /// `declareGraphsOutsideDataset` declares the IRIs of GRAPH blocks.
    /// - Parameter inherited: the graphs a check's ASK reads (its query names none).
    func makeDataset(_ query: OpaquePointer, defaultGraph: DefaultGraph, inherited: InheritedDataset?,
                     declaringNamedGraphs: Bool) throws -> RasqalDataset {
        let (from, named) = dataGraphs(query)
        let hints = narrowsJoins ? RasqalJoinHints.analyse(query) : [:]
        if from.isEmpty && named.isEmpty {
            let (graphs, stored) = try database.graphs()
            let namedIDs = inherited.map { $0.named.intersection(stored) } ?? stored
            var declared = 0
            if declaringNamedGraphs {
                for id in graphs where namedIDs.contains(id) {
                    guard case .iri(let iri) = try database.term(id).term, let name = uri(iri) else { continue }
                    defer { raptor_free_uri(name) }
                    guard let graph = rasqal_new_data_graph_from_uri(world, name, name, UInt32(RASQAL_DATA_GRAPH_NAMED.rawValue),
                                                                      nil, nil, nil) else { continue }
                    rasqal_query_add_data_graph(query, graph)
                    declared += 1
                }
            }
            let dataset: RasqalDataset
            let allNamed = namedIDs.count == stored.count
            if let inherited {
                dataset = RasqalDataset(cache: cache, defaultGraphs: inherited.graphs, mergesGraphs: inherited.merge,
                                        namedGraphs: namedIDs, namedGraphsAreStoredGraphs: allNamed, joinHints: hints)
                dataset.fixedBindings = inherited.fixed
            } else {
                switch defaultGraph {
                case .union:
                    dataset = RasqalDataset(cache: cache, defaultGraphs: nil, mergesGraphs: graphs.count > 1, namedGraphs: namedIDs,
                                            namedGraphsAreStoredGraphs: allNamed, joinHints: hints)
                case .defaultOnly:
                    dataset = RasqalDataset(cache: cache, defaultGraphs: [0], mergesGraphs: false, namedGraphs: namedIDs,
                                            namedGraphsAreStoredGraphs: allNamed, joinHints: hints)
                }
            }
            dataset.counts.graphsDeclared = declared
            return dataset
        }
        let ids = { (iris: [String]) in try Set(iris.compactMap { try self.database.id(of: .iri($0), create: false) }) }
        let fromIDs = try ids(from).sorted()
        return RasqalDataset(cache: cache, defaultGraphs: fromIDs, mergesGraphs: fromIDs.count > 1, namedGraphs: try ids(named),
                             joinHints: hints)
    }

    /// rasqal 0.9.33 answers `GRAPH <iri> { … }` with one empty solution when <iri> is not a named
    /// graph of the dataset (W3C graph-not-exist). Declared to rasqal, such a graph is visited and
    /// matches nothing, since the triples source only reads the dataset's named graphs.
    func declareGraphsOutsideDataset(_ query: OpaquePointer) {
        var iris: [OpaquePointer] = []
        func visit(_ pattern: OpaquePointer?) {
            guard let pattern else { return }
            if rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH,
               let origin = rasqal_graph_pattern_get_origin(pattern), origin.pointee.type == RASQAL_LITERAL_URI,
               let uri = origin.pointee.value.uri {
                iris.append(uri)
            }
            var index: Int32 = 0
            while let inner = rasqal_graph_pattern_get_sub_graph_pattern(pattern, index) {
                visit(inner)
                index += 1
            }
        }
        visit(rasqal_query_get_query_graph_pattern(query))
        for uri in iris where rasqal_query_dataset_contains_named_graph(query, uri) == 0 {
            if let graph = rasqal_new_data_graph_from_uri(world, uri, uri, UInt32(RASQAL_DATA_GRAPH_NAMED.rawValue), nil, nil, nil) {
                rasqal_query_add_data_graph(query, graph)
            }
        }
    }

    /// Whether a GRAPH block is anywhere in the pattern tree.
    static func hasGraphPattern(_ pattern: OpaquePointer?) -> Bool {
        guard let pattern else { return false }
        if rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH { return true }
        return RasqalGraphPatterns.members(of: pattern).contains(where: hasGraphPattern)
    }

    /// The endpoint of the first SERVICE in the pattern tree (`<iri>`, or `?var` when it is a
    /// variable), nil when the query has none.
    private static func serviceEndpoint(in pattern: OpaquePointer?) -> String? {
        guard let pattern else { return nil }
        if rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_SERVICE {
            guard let origin = rasqal_graph_pattern_get_service(pattern) ?? rasqal_graph_pattern_get_origin(pattern) else {
                return "an unnamed endpoint"
            }
            if origin.pointee.type == RASQAL_LITERAL_URI, let uri = origin.pointee.value.uri, let text = raptor_uri_as_string(uri) {
                return "<\(String(cString: text))>"
            }
            if origin.pointee.type == RASQAL_LITERAL_VARIABLE, let name = origin.pointee.value.variable?.pointee.name {
                return "?" + String(cString: name)
            }
            return "an unnamed endpoint"
        }
        var index: Int32 = 0
        while let inner = rasqal_graph_pattern_get_sub_graph_pattern(pattern, index) {
            if let endpoint = serviceEndpoint(in: inner) { return endpoint }
            index += 1
        }
        return nil
    }

    // MARK: Helpers

    var termCache: RasqalTermCache { cache }

    private func uri(_ string: String) -> OpaquePointer? {
        string.withCString { raptor_new_uri(raptorWorld, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
    }

    /// An error carrying what rasqal logged, or `fallback` when it logged nothing.
    fileprivate func failure(_ fallback: String) -> RedlandError {
        RedlandError(loggedErrors() ?? fallback)
    }

    /// What rasqal logged as an error while it ran, if anything. It logs and carries on where it
    /// cannot evaluate an expression (an aggregate where it evaluates none, a regex that does not
    /// compile), counting it as false: the query fails instead of answering wrongly in silence.
    fileprivate func loggedFailure() -> UnsupportedQuery? {
        loggedErrors().map { UnsupportedQuery(description: "the query could not be evaluated: " + $0) }
    }

    private func loggedErrors() -> String? {
        var seen = Set<String>()  // an expression fails once per solution, with the same message
        let errors = log.evaluationErrors.map(\.description).filter { seen.insert($0).inserted }
        return errors.isEmpty ? nil : errors.joined(separator: "; ")
    }
}

/// A query the store cannot answer as written: SPARQL it cannot run (MINUS where rasqal 0.9.33
/// would be left to run it), or an expression rasqal reported it could not evaluate (a regex
/// that does not compile). The client's query, not the server, is the cause.
public struct UnsupportedQuery: Error, CustomStringConvertible {
    public let description: String
}

/// The solutions of a SELECT run by `RasqalEngine`. Owns the rasqal query and results, and keeps
/// the engine (its world) alive until the last solution has been read.
final class RasqalSolutionCursor: SolutionCursor {
    let variables: [String]
    private let engine: RasqalEngine
    private let query: OpaquePointer
    private let results: OpaquePointer
    private let dataset: RasqalDataset

    /// Takes ownership of `query` and `results` (also when it throws).
    init(engine: RasqalEngine, query: OpaquePointer, results: OpaquePointer, dataset: RasqalDataset) throws {
        (self.engine, self.query, self.results, self.dataset) = (engine, query, results, dataset)
        // Reads the first solution (all of them under ORDER BY, DISTINCT or GROUP BY).
        let count = rasqal_query_results_get_bindings_count(results)
        guard count >= 0 else {
            rasqal_free_query_results(results)
            rasqal_free_query(query)
            throw engine.failure("the query failed")
        }
        if let failure = engine.loggedFailure() {
            rasqal_free_query_results(results)
            rasqal_free_query(query)
            throw failure
        }
        if rasqal_query_results_finished(results) == 0 {
            variables = (0..<count).map { i in
                rasqal_query_results_get_binding_name(results, i).map { String(cString: $0) } ?? "_\(i)"
            }
        } else {
            // No solution: the names come from the projection (SELECT * is expanded by rasqal).
            var names: [String] = []
            if let projection = rasqal_query_get_bound_variable_sequence(query) {
                for i in 0..<raptor_sequence_size(projection) {
                    guard let variable = raptor_sequence_get_at(projection, i)?.assumingMemoryBound(to: rasqal_variable.self),
                          let name = variable.pointee.name else { continue }
                    names.append(String(cString: name))
                }
            }
            variables = names
        }
        // In the query's own read transaction: a short answer needs no second one.
        refill()
    }

    deinit {
        buffered[nextBuffered...].forEach(Self.free)
        rasqal_free_query_results(results)
        rasqal_free_query(query)
    }

    func next() -> [RDFTerm?]? {
        nextRow { value in
            switch value {
            case .stored(let id): try? engine.database.term(id).term
            case .computed(let literal): RasqalTermCache.term(of: literal)
            }
        }
    }

    /// The next solution with each value as the store compares it (`TermKey`): a value the
    /// store holds is its id, no term decoded.
    func nextKeys() -> [TermKey?]? {
        nextRow { value in
            switch value {
            case .stored(let id): .stored(id)
            case .computed(let literal): engine.termCache.key(of: literal)
            }
        }
    }

    /// A value read ahead: the id of a term from the store (taken while the term cache still
    /// knows its literal), or a reference to a value rasqal computed.
    private enum BufferedValue {
        case stored(Int64)
        case computed(RasqalTermCache.Literal)
    }

    private func nextRow<T>(_ read: (BufferedValue) -> T?) -> [T?]? {
        if nextBuffered == buffered.count { refill() }
        guard nextBuffered < buffered.count else { return nil }
        let row = buffered[nextBuffered]
        nextBuffered += 1
        defer { Self.free(row) }
        return row.map { $0.flatMap(read) }
    }

    /// Solutions read ahead, and the index of the next one to hand out.
    private var buffered: [[BufferedValue?]] = []
    private var nextBuffered = 0

    /// At most this many solutions, or this much time, per read transaction: enough to spare
    /// SQLite's file locks per statement (a `GRAPH ?g` pattern runs a lookup per graph), little
    /// enough that a slow query still hands out its first solutions and never holds the
    /// database's snapshot for long.
    static let solutionsPerRead = 256
    static let nanosecondsPerRead: UInt64 = 20_000_000

    /// Reads the next solutions in one read transaction.
    private func refill() {
        buffered.removeAll(keepingCapacity: true)
        nextBuffered = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let read = {
            while self.buffered.count < Self.solutionsPerRead, let row = self.readSolution() {
                self.buffered.append(row)
                if DispatchTime.now().uptimeNanoseconds - start > Self.nanosecondsPerRead { break }
            }
        }
        // `reading` only throws when SQLite cannot begin the transaction: read without one.
        do { try engine.database.reading(read) } catch { read() }
    }

    private func readSolution() -> [BufferedValue?]? {
        guard rasqal_query_results_finished(results) == 0 else { return nil }
        let cache = engine.termCache
        let row = (0..<Int32(variables.count)).map { i -> BufferedValue? in
            guard let value = rasqal_query_results_get_binding_value(results, i) else { return nil }
            if let id = cache.cachedID(of: value) { return .stored(id) }
            return rasqal_new_literal_from_literal(value).map(BufferedValue.computed)
        }
        rasqal_query_results_next(results)
        return row
    }

    private static func free(_ row: [BufferedValue?]) {
        for case .computed(let literal)? in row { rasqal_free_literal(literal) }
    }
}
