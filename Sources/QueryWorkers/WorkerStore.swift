import Redland
import SQLiteStorage
import Store

/// The store as one worker process opens it (once, for its whole life): a connection of its own
/// to the store's WAL database, so a query sees every committed write.
final class WorkerStore {
    let store: Store

    /// Opens the store; a worker needs one other processes can open too (not `memory`).
    init(_ location: StoreLocation) throws {
        if location == .memory {
            throw StoreError("an in-memory store cannot be shared by worker processes: give a store directory")
        }
        store = try Store(location)
    }

    /// Runs a query; `dataset` (from the protocol) replaces its FROM/FROM NAMED.
    func query(_ sparql: String, baseIRI: String?, dataset: ProtocolDataset?) throws -> QueryAnswer {
        try store.query(sparql, baseIRI: baseIRI, dataset: dataset)
    }
}
