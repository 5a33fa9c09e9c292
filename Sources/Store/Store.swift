import Foundation
import RDFModel
import Redland
import SQLiteStorage

/// A CoAttKG triple store: a librdf model over our SQLite storage (or Redland's PostgreSQL
/// storage), with bulk writes, statistics and SPARQL. One store belongs to one thread at a time.
public final class Store: @unchecked Sendable {
    public let location: StoreLocation
    public let world: RedlandWorld
    public let model: RedlandModel
    /// Our own storage's database, when the store uses it: writes and statistics go to it directly.
    let database: QuadDatabase?
    private let registryName: String?
    /// What a query without FROM reads as its default graph.
    public let defaultGraph: DefaultGraph
    /// Runs queries on rasqal over `database` (made at the first query).
    private var engine: RasqalEngine?
    /// Which endpoints SERVICE may ask (none by default), and how much they may answer.
    public var remotePolicy = RemotePolicy() {
        didSet { engine?.serviceEndpoints = RemoteServices(policy: remotePolicy) }
    }

    /// - Parameter defaultGraph: `.union` (every graph; user stores load each file into its own
    ///   graph) or `.defaultOnly` (the default graph alone, as `roqet -D`). Stores of Redland's
    ///   PostgreSQL storage query through librdf, whose default graph is always the union.
    public init(_ location: StoreLocation, defaultGraph: DefaultGraph = .union) throws {
        self.location = location
        self.defaultGraph = defaultGraph
        world = RedlandWorld()
        switch location {
        case .directory(let path):
            try Self.prepareDirectory(path)
            let database = try QuadDatabase(path: path + "/" + Self.databaseFile)
            (self.database, registryName) = (database, nil)
            try CoAttStorage.register(with: world)
            model = try RedlandModel(world: world, storageName: CoAttStorage.name, name: database.path, options: "")
        case .memory:
            let database = try QuadDatabase(path: ":memory:")
            let name = "memory-\(UUID().uuidString)"
            StorageRegistry.register(database, as: name)
            (self.database, registryName) = (database, name)
            try CoAttStorage.register(with: world)
            model = try RedlandModel(world: world, storageName: CoAttStorage.name, name: name, options: "")
        case .postgresql(let options):
            (database, registryName) = (nil, nil)
            model = try Self.openPostgreSQL(world: world, options: options)
        }
    }

    deinit { if let registryName { StorageRegistry.unregister(registryName) } }

    /// Opens Redland's PostgreSQL storage, creating its tables on first use: librdf's `new='yes'`
    /// (re)creates them, so it is only given when the options do not choose and none exist yet.
    private static func openPostgreSQL(world: RedlandWorld, options: String) throws -> RedlandModel {
        if options.contains("new=") {
            return try RedlandModel(world: world, storageName: "postgresql", name: "coattkg", options: options)
        }
        do {
            return try RedlandModel(world: world, storageName: "postgresql", name: "coattkg", options: options + ",new='no'")
        } catch let error as RedlandError where error.message.contains("does not exist") {
            return try RedlandModel(world: world, storageName: "postgresql", name: "coattkg", options: options + ",new='yes'")
        }
    }

    /// Whether `path` holds a store of our SQLite storage.
    public static func exists(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + databaseFile)
    }

    private static let databaseFile = "quads.sqlite"

    private static func prepareDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StoreError("\(path) exists and is not a store directory") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                // Foundation's description is a number ("error 512"): say which part of the path is in the way.
                var ancestor = (path as NSString).deletingLastPathComponent
                while !ancestor.isEmpty && !FileManager.default.fileExists(atPath: ancestor) {
                    ancestor = (ancestor as NSString).deletingLastPathComponent
                }
                var isFolder: ObjCBool = false
                let reason = FileManager.default.fileExists(atPath: ancestor, isDirectory: &isFolder) && !isFolder.boolValue
                    ? "\(ancestor) is a file" : "\(ancestor.isEmpty ? "." : ancestor) cannot be written"
                throw StoreError("cannot create the store directory \(path): \(reason)")
            }
        }
    }

    /// Whether the store can only be read here (our storage in a directory this process cannot
    /// write); every write then throws `ReadOnlyDatabase`.
    public var isReadOnly: Bool { database?.isReadOnly ?? false }

    /// Adds quads from `produce` in one transaction: all of them, or none when `produce` throws.
    /// Returns the number of quads that were new. They are stored in sorted batches
    /// (`QuadDatabase.insertAll`): what `produce` does to the store itself takes effect first.
    @discardableResult
    public func write(_ produce: (_ add: (Quad) throws -> Void) throws -> Void) throws -> Int {
        var added = 0
        if let database {
            added = try database.insertAll(produce)
        } else {
            // Redland's PostgreSQL storage aborts its SQL transaction on the first duplicate term
            // it inserts, so writes run without one and a failure removes what was added.
            var written: [Quad] = []
            do {
                try produce { quad in
                    guard try !model.contains(quad) else { return }
                    try model.add(quad)
                    written.append(quad)
                }
            } catch {
                for quad in written.reversed() { try? model.remove(quad) }
                throw error
            }
            added = written.count
        }
        return added
    }

    /// Throws `StoreError` unless `graph` (a name given by a user) is nil or an absolute IRI
    /// (`GraphIRI`): any other name would be stored as given and break N-Quads dumps.
    static func checkGraphName(_ graph: RDFTerm?) throws {
        guard let graph, !(graph.isIRI && GraphIRI.isAbsolute(graph.value)) else { return }
        throw StoreError("the graph name '\(graph.value)' is not \(GraphIRI.requirement)")
    }

    /// Removes a named graph (nil: the default graph); returns the number of quads removed.
    @discardableResult
    public func drop(graph: RDFTerm?) throws -> Int {
        if let database { return try database.transaction { try database.removeGraph(graph) } }
        guard let graph else { throw StoreError("this storage cannot drop the default graph") }
        var count = 0
        try model.forEachQuad(in: graph) { _ in count += 1 }
        try model.removeGraph(graph)
        return count
    }

    /// Runs a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) through rasqal: directly over our
    /// database, with SPARQL 1.1 datasets (FROM, FROM NAMED, `defaultGraph`); through librdf for
    /// the PostgreSQL storage.
    /// SERVICE asks the endpoints `remotePolicy` allows.
    /// - Throws: `SPARQLSyntaxError` (rasqal's message with its line) when the query is rejected;
    ///   `ServiceRefused` or `ServiceFailed` for a SERVICE that may not or could not be asked.
    /// - Parameter dataset: a SPARQL Protocol dataset (`default-graph-uri`, `named-graph-uri`) that
    ///   replaces the query's FROM and FROM NAMED; the PostgreSQL storage cannot take one.
    public func query(_ sparql: String, baseIRI: String? = nil, dataset: ProtocolDataset? = nil) throws -> QueryAnswer {
        guard let engine = try rasqalEngine() else {
            guard dataset == nil else {
                throw StoreError("default-graph-uri and named-graph-uri need the store's own storage, not PostgreSQL")
            }
            // librdf's rasqal would fetch the endpoint itself, past the allow-list.
            if let endpoint = RasqalEngine.serviceEndpoint(in: sparql, baseIRI: baseIRI) {
                throw ServiceRefused(endpoint: endpoint, reason: "the PostgreSQL location runs queries through librdf, which cannot keep to the allow-list")
            }
            return try model.query(sparql, baseIRI: baseIRI)
        }
        return try engine.query(sparql, baseIRI: baseIRI, defaultGraph: defaultGraph, dataset: dataset)
    }

    /// The IRIs a query names in FROM and FROM NAMED (for a throwaway store that loads them first).
    public func datasetIRIs(of sparql: String, baseIRI: String? = nil) throws -> [String] {
        try rasqalEngine()?.datasetIRIs(of: sparql, baseIRI: baseIRI) ?? []
    }

    private func rasqalEngine() throws -> RasqalEngine? {
        guard let database else { return nil }
        if let engine { return engine }
        let made = try RasqalEngine(database: database)
        made.serviceEndpoints = RemoteServices(policy: remotePolicy)
        engine = made
        return made
    }
}

/// A store-level failure with a message for the user.
public struct StoreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
