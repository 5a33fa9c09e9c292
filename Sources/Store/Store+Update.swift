import Foundation
import RDFModel
import Redland
import SQLiteStorage

extension Store {
    /// Runs a SPARQL 1.1 Update request atomically: every operation in one transaction, or none.
    ///
    /// rasqal parses the request (see `RasqalUpdateParser` for what its 0.9.33 grammar accepts);
    /// INSERT DATA, DELETE DATA, DELETE/INSERT … WHERE (WHERE evaluated by the store's query
    /// engine), DELETE WHERE, CLEAR/DROP (GRAPH g | DEFAULT | NAMED | ALL) [SILENT], CREATE,
    /// ADD/MOVE/COPY and LOAD are carried out (semantics in `UpdateExecutor`). Policy comes first:
    /// a LOAD or a SERVICE outside `policy.allowList` refuses the whole request before anything
    /// runs, SILENT or not. LOAD documents are fetched, and SERVICE blocks answered, before the
    /// transaction starts, so the store is never locked while the network is waited for.
    /// - Throws: `SPARQLSyntaxError` on a syntax error (rasqal's message with its line);
    ///   `UpdateRefused` for LOAD outside the allow-list, `ServiceRefused` and `ServiceFailed` for
    ///   SERVICE (`RemoteServices`); `UpdateError` for an operation
    ///   that cannot be carried out (DROP of a missing graph, a LOAD that fails, an invalid triple);
    ///   `StoreError` for a store that is not CoAttKG's own storage. The store is then unchanged.
    /// - Parameter dataset: the SPARQL Protocol's `using-graph-uri`/`using-named-graph-uri`: the
    ///   dataset every WHERE clause reads, in place of USING/WITH (Protocol §2.2.3).
    public func update(_ sparql: String, baseIRI: String?, policy: RemotePolicy, dataset: ProtocolDataset? = nil) throws -> UpdateSummary {
        let database = try writableDatabase()
        let request = try RasqalUpdateParser.parse(sparql, baseIRI: baseIRI, world: world)
        // Protocol §2.2.3: a protocol dataset and a WITH (or USING) of the update's own conflict.
        if dataset != nil, request.operations.contains(where: { if case .modify(_, _, let clause) = $0 { clause.hasOwnDataset } else { false } }) {
            throw UpdateError("using-graph-uri/using-named-graph-uri cannot be combined with WITH or USING in the update")
        }
        let operations = try answeringServices(in: request.operations, database: database, policy: policy, dataset: dataset)
        var documents: [Int: RemoteDocument] = [:]
        for (index, operation) in operations.enumerated() {
            guard case .load(let iri, _, let silent) = operation else { continue }
            guard policy.allows(iri) else {
                // An IRI of a scheme no store fetches is a LOAD that fails, which SILENT makes a
                // no-op; http(s) IRIs the policy refuses, and file: ones, stay refused.
                if silent && !RemotePolicy.isFetchable(iri) && !iri.lowercased().hasPrefix("file:") { continue }
                throw UpdateRefused(policy.allowList.isEmpty
                    ? "LOAD <\(iri)> is not allowed: this store loads no documents on request"
                    : "LOAD <\(iri)> is not allowed: only http(s) IRIs under \(policy.allowList.joined(separator: ", ")) may be loaded")
            }
            do {
                documents[index] = try RemoteDocument.fetch(iri, policy: policy)
            } catch let error as UpdateRefused {
                throw error
            } catch where silent {
                continue  // LOAD SILENT of an unreachable document changes nothing
            }
        }
        let executor = UpdateExecutor(database: database, defaultGraph: defaultGraph, dataset: dataset, documents: documents)
        try database.transaction { try executor.run(operations) }
        return executor.summary
    }

    /// `operations` with the SERVICE blocks of their WHERE clauses answered, before the
    /// transaction (`RasqalEngine.answeringServices`): only the first operation's may narrow what
    /// they ask with the patterns before them, since later ones run after changes.
    private func answeringServices(in operations: [UpdateOperation], database: QuadDatabase, policy: RemotePolicy,
                                   dataset: ProtocolDataset?) throws -> [UpdateOperation] {
        var engine: RasqalEngine?  // made for the first clause that names SERVICE
        return try operations.enumerated().map { index, operation in
            guard case .modify(let delete, let insert, let clause) = operation,
                  RasqalEngine.serviceEndpoint(in: clause.pattern, baseIRI: nil) != nil else { return operation }
            if engine == nil {
                engine = try RasqalEngine(database: database)
                engine?.serviceEndpoints = RemoteServices(policy: policy)
            }
            let answered = try engine!.answeringServices(in: clause, bindJoin: index == 0, defaultGraph: defaultGraph, dataset: dataset)
            return .modify(delete: delete, insert: insert, where: answered)
        }
    }

    /// The database writes go to; updates and Graph Store writes need CoAttKG's own storage,
    /// whose SQLite transactions make them atomic.
    func writableDatabase() throws -> QuadDatabase {
        guard let database else {
            throw StoreError("updates need CoAttKG's own storage (a store directory or memory), not \(location.description)")
        }
        return database
    }
}
