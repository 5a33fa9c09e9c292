import CRedland
import RDFModel
import Redland

/// What a check's ASK reads: the graphs its placeholder was matched in, the outer query's named
/// graphs, and the ids of blank nodes its pattern's variables are bound to.
struct InheritedDataset {
    let graphs: [Int64]?
    let merge: Bool
    let named: Set<Int64>
    let fixed: [String: Int64]
}

/// A check's pattern prepared once as an ASK and run again for each solution, its variables
/// given their values through `RasqalDataset.fixedBindings` instead of written into the text.
final class PreparedCheck {
    let query: OpaquePointer
    let dataset: RasqalDataset
    /// Keeps the rasqal world the query belongs to.
    private let engine: RasqalEngine
    /// The pattern as one lookup, when it is one triple pattern.
    private let singleTriple: SingleTripleCheck?

    init(query: OpaquePointer, dataset: RasqalDataset, engine: RasqalEngine) {
        (self.query, self.dataset, self.engine) = (query, dataset, engine)
        singleTriple = SingleTripleCheck(query, cache: dataset.cache, placeholders: dataset.placeholders)
        rasqal_query_set_user_data(query, Unmanaged.passUnretained(dataset).toOpaque())
    }

    deinit { rasqal_free_query(query) }

    /// Whether the pattern matches in `graphs` (merged when `merge`; nil: every graph) with
    /// `values` (store ids by variable name).
    func matches(with values: [String: Int64], in graphs: [Int64]?, merge: Bool) -> Bool {
        dataset.readDefaultGraph(from: graphs, merging: merge)
        if let singleTriple { return singleTriple.matches(with: values, in: dataset) }
        dataset.fixedBindings = values
        guard let results = rasqal_query_execute(query) else { return false }
        defer { rasqal_free_query_results(results) }
        return rasqal_query_results_get_boolean(results) > 0
    }
}

extension RasqalEngine {
    /// Makes the query's placeholders known to its dataset, and how to answer its checks.
    func install(_ placeholders: Placeholders, of query: OpaquePointer, in dataset: RasqalDataset,
                 baseIRI: String?, defaultGraph: DefaultGraph) {
        dataset.placeholders = placeholders
        guard !placeholders.checks.isEmpty else { return }
        dataset.variables = Self.variablesByName(query)
        // Unowned, not weak (which would slow every retain and release of the engine): checks
        // are only answered while the engine runs the query.
        dataset.answerCheck = { [unowned self] outer, check, graphs, merge in
            answer(check, for: outer, graphs: graphs, merge: merge, baseIRI: baseIRI, defaultGraph: defaultGraph)
        }
    }

    /// Whether the current solution of `outer`'s query passes `check`: the check's pattern asked
    /// with the solution's values (`PatternCheck.ask(with:)`), in the graphs its placeholder was
    /// matched in, each distinct ASK run once per query; for MINUS, the solution's values
    /// compared, by term id, with the pattern's own solutions.
    func answer(_ check: PatternCheck, for outer: RasqalDataset, graphs: [Int64]?, merge: Bool,
                baseIRI: String?, defaultGraph: DefaultGraph) -> Bool {
        if check.kind == .minus {
            let values = check.substituted.map { solutionValue($0.name, of: check, in: outer) { $0.flatMap(termCache.key(of:)) } }
            return !minusSolutions(of: check, for: outer, graphs: graphs, merge: merge, baseIRI: baseIRI).remove(values)
        }
        // Named graphs are declared to rasqal one by one: only for a pattern that reads them.
        let named = check.readsNamedGraphs ? outer.namedGraphs : []
        if let (graphVariable, ask) = check.graphScoped {
            // `{ GRAPH ?g { P } }`: P asked in the graph the solution names, prepared once.
            guard let graph = solutionValue(graphVariable, of: check, in: outer, { $0.flatMap(termCache.id(of:)) }),
                  outer.namedGraphs.contains(graph) else { return check.keeps(matched: false) }
            guard let ids = storeIDs(of: check, in: outer, skipping: graphVariable),
                  let prepared = prepared(ask, named: named, for: outer, baseIRI: baseIRI, defaultGraph: defaultGraph)
            else { return check.keeps(matched: false) }
            return check.keeps(matched: prepared.matches(with: ids, in: [graph], merge: false))
        }
        if check.valuesOnlyInTriples {
            // Every value goes where the store looks terms up by id: one prepared ASK serves all.
            guard let ids = storeIDs(of: check, in: outer),
                  let prepared = prepared(check.ask(with: [:]), named: named, for: outer, baseIRI: baseIRI, defaultGraph: defaultGraph)
            else { return check.keeps(matched: false) }
            return check.keeps(matched: prepared.matches(with: ids, in: graphs, merge: merge))
        }
        let graphsKey = graphs?.map(String.init).joined(separator: ",") ?? "*"
        var values: [String: RDFTerm] = [:], fixed: [String: Int64] = [:]
        for (name, _) in check.substituted {
            solutionValue(name, of: check, in: outer) { value in
                guard let value, let term = termCache.term(of: value) else { return }
                values[name] = term
                if case .blank = term, let id = termCache.id(of: value) { fixed[name] = id }
            }
        }
        let inherited = InheritedDataset(graphs: graphs, merge: merge, named: named, fixed: fixed)
        let ask = check.ask(with: values)
        let key = ask + "\u{0}" + fixed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            + "\u{0}" + graphsKey
        if let known = outer.answeredChecks[key] { return known }
        let matched: Bool
        if case .boolean(let answer)? = try? run(ask, baseIRI: baseIRI, defaultGraph: defaultGraph, dataset: nil, inherited: inherited) {
            matched = answer
        } else {
            matched = false
        }
        let kept = check.keeps(matched: matched)
        // Bounded, since a query over millions of solutions would otherwise keep an ASK text for each.
        if outer.answeredChecks.count >= 1 << 16 { outer.answeredChecks.removeAll(keepingCapacity: true) }
        outer.answeredChecks[key] = kept
        return kept
    }

    /// The ASK `text` prepared once per query, whichever graphs each solution asks it in (a check
    /// inside `GRAPH ?g` over thousands of graphs was prepared again for each of them).
    private func prepared(_ text: String, named: Set<Int64>, for outer: RasqalDataset, baseIRI: String?,
                          defaultGraph: DefaultGraph) -> PreparedCheck? {
        if let known = outer.preparedChecks[text] { return known }
        let inherited = InheritedDataset(graphs: nil, merge: false, named: named, fixed: [:])
        guard let made = try? prepare(text, in: inherited, baseIRI: baseIRI, defaultGraph: defaultGraph) else { return nil }
        outer.preparedChecks[text] = made
        outer.counts.checksPrepared += 1
        return made
    }

    /// The store ids of the values the current solution of `outer` gives the check's variables
    /// (but `skipping`); nil when one is a term the store lacks, which no triple can match.
    private func storeIDs(of check: PatternCheck, in outer: RasqalDataset, skipping: String? = nil) -> [String: Int64]? {
        var ids: [String: Int64] = [:]
        for (name, _) in check.substituted where name != skipping {
            // nil: unbound; .some(nil): a term the store lacks.
            guard let id = solutionValue(name, of: check, in: outer, { $0.map(termCache.id(of:)) }) else { continue }
            guard let id else { return nil }
            ids[name] = id
        }
        return ids
    }

    /// `read` applied to the value the current solution of `outer` gives `name` (nil: unbound):
    /// the variable's, or the running join's left row's for a check that reads it there
    /// (`PatternCheck.fromJoinLeftRow`).
    private func solutionValue<T>(_ name: String, of check: PatternCheck, in outer: RasqalDataset,
                                  _ read: (UnsafeMutablePointer<rasqal_literal>?) -> T) -> T {
        guard let variable = outer.variables[name] else { return read(nil) }
        guard check.fromJoinLeftRow.contains(name) else { return read(variable.pointee.value) }
        let value = RasqalJoinHints.leftRowValue(of: variable)
        defer { if let value { rasqal_free_literal(value) } }
        return read(value)
    }

    /// A check's pattern, as the ASK `text`, prepared over the graphs given.
    private func prepare(_ text: String, in inherited: InheritedDataset, baseIRI: String?,
                         defaultGraph: DefaultGraph) throws -> PreparedCheck {
        let rewrite = try QueryRewrite(text, baseIRI: baseIRI)
        let query = try prepare(rewrite?.text ?? text, baseIRI: baseIRI)
        do {
            // Run again for each solution, its GRAPH blocks are rasqal's own (not read in one pass).
            let dataset = try makeDataset(query, defaultGraph: defaultGraph, inherited: inherited,
                                          declaringNamedGraphs: Self.hasGraphPattern(rasqal_query_get_query_graph_pattern(query)))
            install(rewrite?.placeholders ?? Placeholders(), of: query, in: dataset, baseIRI: baseIRI, defaultGraph: defaultGraph)
            declareGraphsOutsideDataset(query)
            return PreparedCheck(query: query, dataset: dataset, engine: self)
        } catch {
            rasqal_free_query(query)
            throw error
        }
    }

    /// The solutions of MINUS's pattern in the graphs given, evaluated on its own (no value of
    /// the solution it is applied to given), once per query and graphs.
    private func minusSolutions(of check: PatternCheck, for outer: RasqalDataset, graphs: [Int64]?, merge: Bool,
                                baseIRI: String?) -> PatternCheck.MinusSolutions {
        let key = MinusSolutionsKey(select: check.select, graphs: graphs, merge: merge)
        if let known = outer.minusSolutions[key] { return known }
        var solutions = PatternCheck.MinusSolutions([])
        let dataset = InheritedDataset(graphs: graphs, merge: merge, named: check.readsNamedGraphs ? outer.namedGraphs : [], fixed: [:])
        if case .solutions(let cursor)? = try? run(check.select, baseIRI: baseIRI, defaultGraph: .union, dataset: nil, inherited: dataset) {
            if let keyed = cursor as? RasqalSolutionCursor {
                solutions = PatternCheck.MinusSolutions(sequence(state: keyed) { $0.nextKeys() })
            } else {
                // Columns renamed or hidden (`VisibleSolutions`): the terms looked up again.
                let key = { (term: RDFTerm) in (try? self.database.id(of: term, create: false)).map(TermKey.stored) ?? .other(term) }
                solutions = PatternCheck.MinusSolutions(sequence(state: cursor) { $0.next()?.map { $0.map(key) } })
            }
        }
        outer.minusSolutions[key] = solutions
        return solutions
    }

    /// Throws when the text rasqal is to run holds MINUS, which rasqal 0.9.33 fails only at run
    /// time (left in place after OPTIONAL, UNION, GRAPH, BIND, VALUES or a group), with a message
    /// saying where it is answered; EXISTS left in place fails to parse (`prepare` adds the same
    /// note). The checks' own patterns are parsed and validated too, recursively: they are asked
    /// while the query runs, when an error can no longer be reported.
    func validateNegation(in text: String, checks: [String: PatternCheck], baseIRI: String?) throws {
        if QueryRewrite.mightApply(to: text), Self.keywords(in: text).contains("MINUS") {
            if let refusal = LexicalError.refusal(in: text) { throw refusal }
            if let error = syntaxErrorBesideStoreSyntax(in: text, baseIRI: baseIRI) { throw error }
            throw UnsupportedQuery(description: Self.negationNote)
        }
        for check in checks.values {
            let inner = check.kind == .minus ? check.select : check.ask(with: [:])
            let rewrite = try QueryRewrite(inner, baseIRI: baseIRI)
            let innerText = rewrite?.text ?? inner
            try validateNegation(in: innerText, checks: rewrite?.placeholders.checks ?? [:], baseIRI: baseIRI)
            rasqal_free_query(try prepare(innerText, baseIRI: baseIRI))
        }
    }

    /// rasqal's error for a query whose paths, EXISTS or MINUS the store could not take over,
    /// found with them taken out (`QueryRewrite.pathsReadBeforeFailing`, `NegationRemoval`): the
    /// syntax error elsewhere that made the query unreadable to the store. nil when there is
    /// nothing to take out or the rest parses (EXISTS or MINUS stands where only rasqal would run it).
    func syntaxErrorBesideStoreSyntax(in text: String, baseIRI: String?) -> Error? {
        let pathsOut = QueryRewrite.pathsReadBeforeFailing(in: text, baseIRI: baseIRI) ?? text
        let readable = NegationRemoval.rewritten(pathsOut) ?? pathsOut
        guard readable != text else { return nil }
        do { rasqal_free_query(try prepare(readable, baseIRI: baseIRI)) } catch { return error }
        return nil
    }

    /// The keywords and other bare words of a text, upper-cased (not those inside strings, IRIs or names).
    static func keywords(in text: String) -> Set<String> {
        Set((SPARQLToken.tokens(of: Array(text.unicodeScalars)) ?? []).filter { $0.kind == .word }.map { $0.text.uppercased() })
    }

    /// Where EXISTS and MINUS can be answered, added to the errors they cause elsewhere.
    static let negationNote = "EXISTS and MINUS are answered by the store in a query's WHERE clause, and EXISTS in its "
        + "SELECT expressions, HAVING and ORDER BY too, except in a grouped query outside an aggregate when it reads other "
        + "variables than the GROUP BY variables; rasqal 0.9.33 cannot run them there nor in a SPARQL Update: bind the value "
        + "in the WHERE clause (BIND(EXISTS { … } AS ?e)) and read ?e"

    /// Every variable of a prepared query, by name.
    static func variablesByName(_ query: OpaquePointer) -> [String: UnsafeMutablePointer<rasqal_variable>] {
        var variables: [String: UnsafeMutablePointer<rasqal_variable>] = [:]
        guard let all = rasqal_query_get_all_variable_sequence(query) else { return variables }
        for index in 0..<raptor_sequence_size(all) {
            guard let variable = raptor_sequence_get_at(all, index)?.assumingMemoryBound(to: rasqal_variable.self),
                  let name = variable.pointee.name else { continue }
            variables[String(cString: name)] = variable
        }
        return variables
    }
}
