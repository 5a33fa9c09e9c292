import CRasqalOverrides
import CRedland
import RDFModel

/// A dataset given by the SPARQL 1.1 Protocol (`default-graph-uri`, `named-graph-uri`). As the
/// Protocol says (§2.1.4), it replaces the query's dataset as a whole: its FROM and its FROM NAMED,
/// also when only one of the two lists is given.
public struct ProtocolDataset: Sendable, Equatable {
    /// Graphs merged into the default graph (like FROM).
    public var defaultGraphs: [String]
    /// Graphs `GRAPH` ranges over (like FROM NAMED).
    public var namedGraphs: [String]

    public init(defaultGraphs: [String] = [], namedGraphs: [String] = []) {
        (self.defaultGraphs, self.namedGraphs) = (defaultGraphs, namedGraphs)
    }
}

/// One query's dataset over the store, as graph ids: what rasqal's triple patterns read.
///
/// A pattern outside `GRAPH` reads the default graph: the merge of `defaultGraphs` (nil: every
/// graph), with a triple that sits in several of them counted once. A pattern inside `GRAPH`
/// reads the one named graph rasqal is visiting, which must be one of `namedGraphs`.
final class RasqalDataset {
    let cache: RasqalTermCache
    /// Graphs merged into the default graph; nil: every graph of the store.
    private(set) var defaultGraphs: [Int64]?
    /// Whether the default graph spans several graphs, so repeated triples must be dropped.
    private(set) var mergesGraphs: Bool
    /// Graphs `GRAPH` may visit.
    let namedGraphs: Set<Int64>
    /// Whether `namedGraphs` are all the named graphs of the store, so that a scan of every graph
    /// but the default one reads just them.
    let namedGraphsAreStoredGraphs: Bool
    /// `namedGraphs` in ascending order, sorted once (a GRAPH block may start for every left row).
    private(set) lazy var namedGraphList: [Int64] = namedGraphs.sorted()
    /// What the query's lookups have cost so far.
    let counts = ScanCounts()

    /// For a triple on the right of a join or OPTIONAL: the variables the join's left row may
    /// give it (see `RasqalJoinHints`).
    let joinHints: RasqalJoinHints.Hints

    /// Conditions FILTERs put on the objects triple patterns bind (`RasqalFilterPushdown`).
    var objectTests: [RasqalFilterPushdown.Triple: [RasqalFilterPushdown.ObjectTest]] = [:]
    /// What the query's placeholders stand for (`QueryRewrite`).
    var placeholders = Placeholders()
    /// The query's variables by name: they hold the current solution's values when a check is asked.
    var variables: [String: UnsafeMutablePointer<rasqal_variable>] = [:]
    /// Checks already asked, by ASK text, values of blank nodes and graphs read.
    var answeredChecks: [String: Bool] = [:]
    /// Checks' patterns prepared for reuse, by pattern (in whichever graphs each solution reads).
    var preparedChecks: [String: PreparedCheck] = [:]
    /// MINUS patterns' solutions, by SELECT text and graphs read.
    var minusSolutions: [MinusSolutionsKey: PatternCheck.MinusSolutions] = [:]
    /// Answers a check's placeholder triple for the current solution, in the graphs given.
    var answerCheck: ((RasqalDataset, PatternCheck, _ graphs: [Int64]?, _ merge: Bool) -> Bool)?
    /// Values given to variables before the query runs (a check's blank nodes): patterns that
    /// bind them match only these.
    var fixedBindings: [String: Int64] = [:]

    init(cache: RasqalTermCache, defaultGraphs: [Int64]?, mergesGraphs: Bool, namedGraphs: Set<Int64>,
         namedGraphsAreStoredGraphs: Bool = false, joinHints: RasqalJoinHints.Hints = [:]) {
        self.cache = cache
        self.defaultGraphs = defaultGraphs
        self.mergesGraphs = mergesGraphs
        self.namedGraphs = namedGraphs
        self.namedGraphsAreStoredGraphs = namedGraphsAreStoredGraphs
        self.joinHints = joinHints
    }

    /// Makes `graphs` the default graph, for a prepared check asked in the graph of each solution.
    func readDefaultGraph(from graphs: [Int64]?, merging: Bool) {
        (defaultGraphs, mergesGraphs) = (graphs, merging)
    }

    /// The value the running join's left row gives `variable`, if `triple` has a hint for it. A
    /// term the store lacks (a count, a BIND's string) is a provisional id, matching nothing.
    func hintedValue(_ variable: RasqalJoinHints.Variable, in triple: RasqalJoinHints.Triple) -> Int64? {
        guard joinHints[triple]?.contains(variable) == true, let value = RasqalJoinHints.leftRowValue(of: variable) else { return nil }
        defer { rasqal_free_literal(value) }
        return nodeID(of: value)
    }

    /// Whether the term with this id may pass `tests`: a string literal's text and a number's
    /// value are tested, any other term is left to the FILTER.
    func mayPass(_ tests: [RasqalFilterPushdown.ObjectTest], id: Int64) -> Bool {
        guard let literal = literal(for: id) else { return true }
        defer { rasqal_free_literal(literal) }
        return tests.allSatisfy { $0.mayHold(for: literal) }
    }

    /// The graphs a pattern with this origin (nil: outside `GRAPH`) reads, and whether they merge;
    /// nil when it can match nothing. A variable origin (a GRAPH block read in one pass) reads
    /// the graph an earlier pattern of the block bound it to.
    func scope(origin: UnsafeMutablePointer<rasqal_literal>?) -> (graphs: [Int64]?, merge: Bool)? {
        guard let origin else { return (defaultGraphs, mergesGraphs) }
        if let variable = rasqal_literal_as_variable(origin) { return variable.pointee.value.flatMap { scope(origin: $0) } }
        guard let id = cache.id(of: origin), namedGraphs.contains(id) else { return nil }
        return ([id], false)
    }

    func countLookup() { counts.lookups += 1 }

    func countRow() { counts.rows += 1 }

    /// Terms of the query the store does not hold, numbered -1, -2, … (`provisionalID(for:)`).
    private var provisionalLiterals: [Int64: UnsafeMutablePointer<rasqal_literal>] = [:]
    private var provisionalIDs: [UnsafeMutablePointer<rasqal_literal>: Int64] = [:]

    deinit { provisionalLiterals.values.forEach { rasqal_free_literal($0) } }

    /// The id of the term a literal denotes: the store's, or, for a term the store does not hold,
    /// a negative id that matches no quad but that a path of length zero binds.
    func nodeID(of literal: UnsafeMutablePointer<rasqal_literal>) -> Int64? {
        if let id = cache.id(of: literal) { return id }
        guard let value = rasqal_literal_value(literal) else { return nil }
        if let id = provisionalIDs[value] { return id }
        let id = -Int64(provisionalLiterals.count + 1)
        provisionalLiterals[id] = rasqal_new_literal_from_literal(value)
        provisionalIDs[value] = id
        return id
    }

    /// A new reference (owned by the caller) to the literal for a store id or a provisional one.
    func literal(for id: Int64) -> UnsafeMutablePointer<rasqal_literal>? {
        if id < 0 { return provisionalLiterals[id].flatMap(rasqal_new_literal_from_literal) }
        return cache.literal(for: id)
    }

    /// The ids of `false` and `true` (xsd:boolean), which EXISTS inside an expression binds.
    private lazy var booleanIDs: [Int64?] = [false, true].map { value in
        guard let literal = cache.booleanLiteral(value) else { return nil }
        defer { rasqal_free_literal(literal) }
        return nodeID(of: literal)
    }

    /// The id of an xsd:boolean: the store's, or a provisional one (`nodeID(of:)`).
    func booleanID(_ value: Bool) -> Int64? { booleanIDs[value ? 1 : 0] }

    /// Whether the current solution passes the check a placeholder triple with this origin stands for.
    func passes(_ check: PatternCheck, origin: UnsafeMutablePointer<rasqal_literal>?) -> Bool {
        guard let scope = scope(origin: origin) else { return false }
        return answerCheck?(self, check, scope.graphs, scope.merge) ?? false
    }

    /// The value `fixedBindings` gives a variable.
    func fixedValue(of variable: UnsafeMutablePointer<rasqal_variable>) -> Int64? {
        guard !fixedBindings.isEmpty, let name = variable.pointee.name else { return nil }
        return fixedBindings[String(cString: name)]
    }
}

extension Placeholders {
    /// The path a triple pattern's predicate stands for, if it is a placeholder.
    func path(at predicate: UnsafeMutablePointer<rasqal_literal>?) -> PropertyPath? {
        guard !paths.isEmpty, let iri = Self.iri(predicate, startingWith: Self.pathPrefix) else { return nil }
        return paths[iri]
    }

    /// The check a triple pattern's subject stands for, if it is a placeholder.
    func check(at subject: UnsafeMutablePointer<rasqal_literal>?) -> PatternCheck? {
        guard !checks.isEmpty, let iri = Self.iri(subject, startingWith: Self.checkPrefix) else { return nil }
        return checks[iri]
    }

    private static let pathPrefix = Array(QueryRewrite.pathPrefix.utf8)
    private static let checkPrefix = Array(QueryRewrite.checkPrefix.utf8)

    /// A constant IRI that starts with `prefix`; the bytes are compared in place, since every
    /// triple pattern's lookup asks and few are placeholders.
    private static func iri(_ literal: UnsafeMutablePointer<rasqal_literal>?, startingWith prefix: [UInt8]) -> String? {
        guard let iri = RasqalTriplesSource.constantIRI(literal), iri.starts(with: prefix) else { return nil }
        return String(decoding: iri, as: UTF8.self)
    }
}

/// What names a MINUS pattern's solutions in a query's cache: the pattern (as its SELECT) and the
/// graphs it reads.
struct MinusSolutionsKey: Hashable {
    let select: String
    let graphs: [Int64]?
    let merge: Bool
}

/// The lookups of one query and the rows they read, kept apart from its dataset so that the
/// engine can report them after the query without holding on to the dataset.
final class ScanCounts {
    /// Triple-pattern lookups (one per `init_triples_match` or `triple_present`).
    var lookups = 0
    /// Rows the lookups read (matches of their patterns, before any FILTER test).
    var rows = 0
    /// Named graphs declared to rasqal for `GRAPH` to visit.
    var graphsDeclared = 0
    /// EXISTS patterns prepared as ASK queries, to be run for each solution.
    var checksPrepared = 0
}
