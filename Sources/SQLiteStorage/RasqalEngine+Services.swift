import Redland
import RDFModel
import SPARQLResults

/// SERVICE patterns answered before rasqal reads the query (it cannot ask endpoints itself):
/// each outermost `SERVICE endpoint { P }` is asked of its endpoint as `SELECT * WHERE { P }`,
/// and its solutions take its place as a VALUES block, which the rest of the query joins with as
/// SPARQL 1.1 Federated Query says it joins with the SERVICE pattern. A block directly in the
/// WHERE clause's group is asked only for the values the members before it bind (a bind join):
/// those members are run first, and P is sent with their distinct values of the variables it
/// shares with them as VALUES, in chunks — `?item owl:sameAs ?wd . SERVICE <wikidata> { ?wd
/// wdt:P31 ?class }` asks about the linked items only, not every item of the remote store. That
/// is also how `SERVICE ?endpoint` gets its endpoints: from the members before it.
extension RasqalEngine {
    /// Value rows sent with one request of a bind join.
    public static let serviceChunkRows = 500
    /// Requests of one SERVICE block that may wait for their answers at the same time (a bind
    /// join's chunks, a variable endpoint's endpoints): latency, not cores, bounds them, and a
    /// public endpoint should not be asked by many at once.
    public static let serviceRequestsInFlight = 4

    /// The endpoint of the first SERVICE block in `sparql` as written (`<iri>`, a prefixed name
    /// or `?variable`); nil when there is none.
    public static func serviceEndpoint(in sparql: String, baseIRI: String?) -> String? {
        ServiceBlock.isMentioned(in: sparql) ? ServiceBlock(in: sparql, baseIRI: baseIRI)?.endpointText : nil
    }

    /// An update's WHERE clause with its SERVICE blocks answered now, by `serviceEndpoints`: an
    /// update asks before its transaction starts, so that the store is never locked while an
    /// endpoint is waited for. With `bindJoin` false (an operation after one that may change the
    /// store), blocks are asked for their whole pattern: the members before them, run now, could
    /// give other values than when the operation runs.
    public func answeringServices(in clause: WhereClause, bindJoin: Bool, defaultGraph: DefaultGraph = .union,
                                  dataset: ProtocolDataset? = nil) throws -> WhereClause {
        guard ServiceBlock.isMentioned(in: clause.pattern) else { return clause }
        let head = clause.prologue + "\nSELECT * " + clause.dataset + " WHERE "
        let text = try resolvingServices(in: head + clause.pattern, baseIRI: nil, defaultGraph: defaultGraph, dataset: dataset,
                                         endpoints: serviceEndpoints, bindJoin: bindJoin)
        var answered = clause
        answered.pattern = String(text.unicodeScalars.dropFirst(head.unicodeScalars.count))
        return answered
    }

    /// `sparql` with every SERVICE block replaced by its solutions. The store is read (the members
    /// before a block) in transactions of their own, none held while an endpoint is waited for.
    /// - Throws: `ServiceRefused` for an endpoint `endpoints` refuses (or when there are none);
    ///   `ServiceFailed` when an endpoint fails and the block is not SILENT.
    func resolvingServices(in sparql: String, baseIRI: String?, defaultGraph: DefaultGraph,
                           dataset: ProtocolDataset?, endpoints: (any ServiceEndpoints)?, bindJoin: Bool = true) throws -> String {
        var text = sparql
        while let block = ServiceBlock(in: text, baseIRI: baseIRI) {
            guard let endpoints else { throw ServiceRefused(endpoint: block.endpointText) }
            let solutions = try self.solutions(of: block, endpoints: endpoints, baseIRI: baseIRI, bindJoin: bindJoin,
                                               defaultGraph: defaultGraph, dataset: dataset)
            text = block.replaced(with: solutions.valuesBlock, joinedOn: solutions.lookedUpOn)
        }
        return text
    }

    private func solutions(of block: ServiceBlock, endpoints: any ServiceEndpoints, baseIRI: String?, bindJoin: Bool,
                           defaultGraph: DefaultGraph, dataset: ProtocolDataset?) throws -> ServiceAnswer {
        var answer = ServiceAnswer(unasked: block.patternVariables + (block.endpointVariable.map { [$0] } ?? []))
        let bound = block.boundVariables
        guard bindJoin, let leading = block.leadingPattern,
              case let shared = block.patternVariables.filter({ bound.contains($0) && leading.variables.contains($0) }),
              !shared.isEmpty || block.endpointVariable.map(leading.variables.contains) == true else {
            guard let endpoint = block.endpointIRI else {
                throw ServiceFailed("SERVICE \(block.endpointText): its variable must be bound by the patterns before it in the WHERE clause's own group"
                                    + (bindJoin ? "" : ", in an update's first operation"))
            }
            answer.add(try Self.ask(endpoint, block, values: nil, endpoints: endpoints))
            return answer
        }
        answer.joinVariables = Set(shared)
        let values = try leadingValues(of: block, shared: shared, leading: leading.text, baseIRI: baseIRI,
                                       defaultGraph: defaultGraph, dataset: dataset)
        answer.leadingRows = values.reduce(0) { $0 + $1.rows.count }
        for (endpoint, tables) in try Self.ask(block, about: values, shared: shared, endpoints: endpoints) {
            let named = block.endpointVariable.map { (variable: $0, iri: endpoint) }
            for table in tables { answer.add(table, endpoint: named) }
        }
        return answer
    }

    /// The distinct values of `shared` the members before the block give (`leading`, run now),
    /// by endpoint (for `SERVICE ?var`, each IRI they give it; else the block's one), in order.
    private func leadingValues(of block: ServiceBlock, shared: [String], leading: String, baseIRI: String?,
                               defaultGraph: DefaultGraph, dataset: ProtocolDataset?) throws -> [(endpoint: String, rows: [[RDFTerm?]])] {
        let selected = shared + (block.endpointVariable.map { [$0] } ?? [])
        let local = block.prologue + "SELECT DISTINCT " + selected.map { "?" + $0 }.joined(separator: " ") + " "
            + block.datasetClauses + " WHERE { " + leading + " }"
        var rowsByEndpoint: [String: [[RDFTerm?]]] = [:], order: [String] = []
        try database.reading {
            guard case .solutions(let cursor) = try run(local, baseIRI: baseIRI, defaultGraph: defaultGraph, dataset: dataset) else { return }
            while let row = cursor.next() {
                // A local blank node never equals a remote term: such a row can join with nothing asked.
                guard !row.contains(where: { $0?.isBlank == true }) else { continue }
                var endpoint = block.endpointIRI ?? ""
                if block.endpointVariable != nil {
                    guard case .iri(let iri) = row[shared.count] else { continue }
                    endpoint = iri
                }
                if rowsByEndpoint[endpoint] == nil { order.append(endpoint) }
                rowsByEndpoint[endpoint, default: []].append(Array(row[..<shared.count]))
            }
        }
        return order.map { ($0, rowsByEndpoint[$0]!) }
    }

    /// Each endpoint's answers about its values (one request without `shared` variables, else one
    /// per chunk of rows), asked up to `serviceRequestsInFlight` at a time.
    /// - Throws: the first failure in request order, as if asked one at a time; a SILENT block's
    ///   only when it is a refusal (an endpoint whose request failed gives one empty solution,
    ///   whatever its other requests gave).
    private static func ask(_ block: ServiceBlock, about values: [(endpoint: String, rows: [[RDFTerm?]])], shared: [String],
                            endpoints: any ServiceEndpoints) throws -> [(endpoint: String, tables: [SolutionTable])] {
        let requests: [(endpoint: String, values: SolutionTable?)] = values.flatMap { endpoint, rows in
            shared.isEmpty ? [(endpoint, nil)]
                : stride(from: 0, to: rows.count, by: serviceChunkRows).map { start in
                    (endpoint, SolutionTable(variables: shared, rows: Array(rows[start..<min(rows.count, start + serviceChunkRows)])))
                }
        }
        let results = ConcurrentRequests.perform(requests.count, width: serviceRequestsInFlight, continueAfterFailure: block.silent) {
            try ask(requests[$0].endpoint, block, values: requests[$0].values, endpoints: endpoints, silent: false)
        }
        let failures = results.compactMap { result -> (any Error)? in
            guard case .failure(let error)? = result else { return nil }
            return error
        }
        if let failure = block.silent ? failures.first(where: { $0 is ServiceRefused }) : failures.first {
            throw failure
        }
        var answers: [String: [SolutionTable?]] = [:]
        for (request, result) in zip(requests, results) {
            answers[request.endpoint, default: []].append(try? result?.get())
        }
        return values.map { endpoint, _ in
            let tables = answers[endpoint] ?? []
            return (endpoint, tables.contains { $0 == nil } ? [ServiceAnswer.emptySolution] : tables.compactMap { $0 })
        }
    }

    /// The endpoint's solutions of the block's pattern, joined with `values` when given. A SILENT
    /// block's failure (not a refusal) is one empty solution unless `silent` is false.
    /// - Throws: `ServiceRefused`, or `ServiceFailed` naming the endpoint.
    private static func ask(_ endpoint: String, _ block: ServiceBlock, values: SolutionTable?, endpoints: any ServiceEndpoints,
                            silent: Bool = true) throws -> SolutionTable {
        // With values, the pattern is a group of its own after them (its FILTERs see only its own
        // variables, as they do when it is asked alone, and a sub-SELECT stays one), or they go
        // inside its sub-SELECT.
        let joined = values.map { block.pattern(joinedWith: ServiceAnswer.values($0), on: $0.variables) }
        let request = block.prologue + "SELECT * WHERE { " + (joined ?? block.pattern) + " }"
        do {
            return try endpoints.select(request, at: endpoint)
        } catch let error as ServiceRefused {
            throw error
        } catch where block.silent && silent {
            return ServiceAnswer.emptySolution
        } catch let error as ServiceFailed {
            throw error
        } catch {
            throw ServiceFailed("SERVICE <\(endpoint)>: \(error)")
        }
    }
}

/// The solutions of one SERVICE block, gathered from its requests, and the VALUES block that
/// stands for them in the query.
struct ServiceAnswer {
    /// The solution SPARQL gives a SILENT SERVICE that fails: one that binds nothing.
    static let emptySolution = SolutionTable(variables: [], rows: [[]])

    /// The columns when no endpoint answered (nothing asked, or a SILENT failure): the variables
    /// the pattern names, which `SELECT *` shows.
    private let unasked: [String]
    private var variables: [String] = []
    private var rows: [[String: RDFTerm]] = []
    private var requests = 0
    private var answered = false

    /// The variables of a bind join, which the members before the block bind too; empty when the
    /// block was asked for its whole pattern.
    var joinVariables: Set<String> = []
    /// How many distinct rows of values the members before the block gave.
    var leadingRows = 0

    /// The join variables by which the members before the block are better looked up with each
    /// row of the answer than compared with all of its rows (`ServiceBlock.replaced(with:joinedOn:)`),
    /// or none: a lookup costs what about 256 row comparisons do (5–10 µs against 26 ns), so
    /// from that many rows on.
    var lookedUpOn: Set<String> { leadingRows >= 256 ? joinVariables : [] }

    init(unasked: [String]) { self.unasked = unasked }

    /// Adds `table`'s rows, each with the endpoint's variable bound to its IRI when given.
    mutating func add(_ table: SolutionTable, endpoint: (variable: String, iri: String)? = nil) {
        requests += 1
        answered = answered || !table.variables.isEmpty
        for name in table.variables + (endpoint.map { [$0.variable] } ?? []) where !variables.contains(name) {
            variables.append(name)
        }
        for row in table.rows {
            var solution: [String: RDFTerm] = [:]
            for (name, term) in zip(table.variables, row) {
                guard let term else { continue }
                solution[name] = term.isBlank ? skolemised(term.value) : term
            }
            if let endpoint { solution[endpoint.variable] = .iri(endpoint.iri) }
            rows.append(solution)
        }
    }

    /// A remote blank node as a Skolem IRI (RDF 1.1 §3.5), one per label and request: VALUES
    /// cannot hold blank nodes, and the host `.invalid` never resolves.
    private func skolemised(_ label: String) -> RDFTerm {
        .iri("http://coatt.invalid/.well-known/genid/service\(requests)-\(label)")
    }

    /// The VALUES block (or, without variables, a group) that stands for the solutions.
    var valuesBlock: String {
        let columns = answered ? variables : variables + unasked.filter { !variables.contains($0) }
        guard !columns.isEmpty else { return rows.isEmpty ? "{ FILTER(false) }" : "{}" }
        return Self.values(SolutionTable(variables: columns, rows: rows.map { row in columns.map { row[$0] } }))
    }

    /// `table` as a VALUES block, `UNDEF` for unbound values.
    static func values(_ table: SolutionTable) -> String {
        let names = table.variables.map { "?" + $0 }.joined(separator: " ")
        let rows = table.rows.map { row in "(" + row.map { $0?.ntriples ?? "UNDEF" }.joined(separator: " ") + ")" }
        return "VALUES (\(names)) { \(rows.joined(separator: " ")) }"
    }
}
