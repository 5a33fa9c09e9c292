import CRedland
import RDFModel
import Redland

/// A term as the store compares terms: by id when the store holds it, by value when it does not
/// (a value a query computed), so that equal terms have equal keys.
enum TermKey: Hashable {
    case stored(Int64)
    case other(RDFTerm)
}

/// Rasqal literals for the store's terms, and the way back.
///
/// Each term the triples source hands to rasqal is made once per term id and shared by reference
/// count. rasqal passes those very literals back (bound variables, result rows), so a literal is
/// recognised by its address and mapped to its term id without a dictionary lookup by value: joins
/// carry ids from one pattern to the next, and results print the stored term exactly (rasqal
/// lower-cases language tags when it builds a literal; the stored term keeps them as loaded).
final class RasqalTermCache {
    typealias Literal = UnsafeMutablePointer<rasqal_literal>

    let database: QuadDatabase
    private let world: OpaquePointer
    private let raptorWorld: OpaquePointer
    private var literals: [Int64: Literal] = [:]
    private var ids: [Literal: Int64] = [:]
    /// Ids of the IRIs of rasqal's own literals (the query's constants, the graph names `GRAPH ?g`
    /// visits), by raptor URI: raptor interns URIs, and the reference kept here stops the address
    /// from being reused for another IRI.
    private var uriIDs: [OpaquePointer: Int64] = [:]
    /// The database's rollbacks when the cache was last checked: a rollback can hand the ids of
    /// the terms it removed to new terms.
    private var rollbacksSeen = 0
    private lazy var languageLookup = try? database.connection.prepare(
        "SELECT id FROM term WHERE lex = ?1 AND kind = \(EncodedTerm.language) AND extra = ?2 COLLATE NOCASE LIMIT 1")

    /// Bounded so that a long scan does not pin every term it met.
    static let limit = 1 << 18

    init(database: QuadDatabase, world: OpaquePointer) {
        self.database = database
        self.world = world
        raptorWorld = rasqal_world_get_raptor(world)
    }

    deinit { removeAll() }

    /// Drops the cache's references (literals rasqal still holds stay valid).
    func removeAll() {
        literals.values.forEach { rasqal_free_literal($0) }
        literals.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        uriIDs.keys.forEach { raptor_free_uri($0) }
        uriIDs.removeAll(keepingCapacity: true)
    }

    private func forgetRolledBackIDs() {
        guard database.rollbacks != rollbacksSeen else { return }
        rollbacksSeen = database.rollbacks
        removeAll()
    }

    /// A new xsd:boolean literal (owned by the caller).
    func booleanLiteral(_ value: Bool) -> Literal? { rasqal_new_boolean_literal(world, value ? 1 : 0) }

    /// A new reference (owned by the caller) to the literal for a term id.
    func literal(for id: Int64) -> Literal? {
        forgetRolledBackIDs()
        if let cached = literals[id] { return rasqal_new_literal_from_literal(cached) }
        guard let term = try? database.term(id).term, let made = makeLiteral(term) else { return nil }
        if literals.count >= Self.limit { removeAll() }
        literals[id] = made
        ids[made] = id
        return rasqal_new_literal_from_literal(made)
    }

    /// The store's id for the term a literal denotes (a variable's value for a variable), or nil
    /// when the store has no such term, which means no quad can match it.
    func id(of literal: Literal) -> Int64? {
        forgetRolledBackIDs()
        guard let value = rasqal_literal_value(literal) else { return nil }
        if let id = ids[value] { return id }
        let uri = value.pointee.type == RASQAL_LITERAL_URI ? value.pointee.value.uri : nil
        if let uri, let id = uriIDs[uri] { return id }
        guard let term = Self.term(of: value) else { return nil }
        if let id = try? database.id(of: term, create: false) {
            if let uri {
                if uriIDs.count >= Self.limit { removeAll() }
                uriIDs[raptor_uri_copy(uri)] = id
            }
            return id
        }
        // rasqal lower-cases the language tags of the query's literals; the store keeps them.
        if case .literal(let lexical, let language?, _) = term, let lookup = languageLookup {
            lookup.reset()
            lookup.bind(1, lexical)
            lookup.bind(2, language)
            defer { lookup.reset() }
            if (try? lookup.step()) == true { return lookup.int64(0) }
        }
        return nil
    }

    /// The term a result value stands for: the stored term when the literal came from the store.
    func term(of literal: Literal) -> RDFTerm? {
        guard let value = rasqal_literal_value(literal) else { return nil }
        if let id = ids[value], let stored = try? database.term(id).term { return stored }
        return Self.term(of: value)
    }

    /// The term id of a literal this cache made (found by its address, with no database lookup);
    /// nil for any other literal, even one the store holds.
    func cachedID(of literal: Literal) -> Int64? {
        rasqal_literal_value(literal).flatMap { ids[$0] }
    }

    /// A value as the store compares terms: its id where the store holds it, the term otherwise.
    func key(of literal: Literal) -> TermKey? {
        if let id = id(of: literal) { return .stored(id) }
        return Self.term(of: literal).map(TermKey.other)
    }

    /// The stored term behind `written`, a literal rasqal wrote for a constructed triple from the
    /// current value of one of `variables`: rasqal writes a stored value in its own form (a stored
    /// "0"^^xsd:boolean as "false"). `written` itself when no such value came from the store.
    func storedTerm(for written: RDFTerm, amongValuesOf variables: [UnsafeMutablePointer<rasqal_variable>]) -> RDFTerm {
        guard case .literal = written else { return written }
        for variable in variables {
            guard let value = variable.pointee.value.flatMap(rasqal_literal_value), let id = ids[value],
                  Self.term(of: value) == written, let stored = try? database.term(id).term else { continue }
            return stored
        }
        return written
    }

    /// The RDF term of a rasqal literal: IRI, blank node, or literal with the lexical form and
    /// datatype rasqal would serialise (numbers computed by a query get their XSD datatype).
    static func term(of literal: Literal) -> RDFTerm? {
        guard let value = rasqal_literal_value(literal) else { return nil }
        switch rasqal_literal_get_rdf_term_type(value) {
        case RASQAL_LITERAL_URI:
            var length = 0
            guard let bytes = raptor_uri_as_counted_string(value.pointee.value.uri, &length) else { return nil }
            return String(validating: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self).map(RDFTerm.iri)
        case RASQAL_LITERAL_BLANK:
            return text(value.pointee.string, Int(value.pointee.string_len)).map(RDFTerm.blank)
        case RASQAL_LITERAL_STRING:
            // as_node gives the RDF form: plain, language-tagged or typed with the XSD datatype.
            guard let node = rasqal_literal_as_node(value) else { return nil }
            defer { rasqal_free_literal(node) }
            guard let lexical = text(node.pointee.string, Int(node.pointee.string_len)) else { return nil }
            if let language = node.pointee.language, language.pointee != 0 {
                return .literal(lexical, language: String(cString: language))
            }
            if let datatype = node.pointee.datatype {
                var length = 0
                guard let bytes = raptor_uri_as_counted_string(datatype, &length) else { return nil }
                return .literal(lexical, datatype: String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
            }
            return .literal(lexical)
        default:
            return nil
        }
    }

    /// A new rasqal literal for a term, typed the way rasqal types the literals it parses.
    func makeLiteral(_ term: RDFTerm) -> Literal? {
        switch term {
        case .iri(let iri):
            guard let uri = iri.withCString({ raptor_new_uri(raptorWorld, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) })
            else { return nil }
            return rasqal_new_uri_literal(world, uri)
        case .blank(let label):
            return rasqal_new_simple_literal(world, RASQAL_LITERAL_BLANK, Self.copy(label))
        case .literal(let lexical, let language, let datatype):
            var datatypeURI: OpaquePointer?
            if let datatype, language == nil {
                datatypeURI = datatype.withCString { raptor_new_uri(raptorWorld, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
            }
            let languageCopy = language.map { UnsafeMutableRawPointer(mutating: Self.copy($0)).assumingMemoryBound(to: CChar.self) }
            // rasqal takes ownership of the string, language and datatype, also when it fails.
            if let made = rasqal_new_string_literal(world, Self.copy(lexical), languageCopy, datatypeURI, nil) { return made }
            // Should rasqal refuse the literal, keep the row: results still print the stored term.
            return rasqal_new_string_literal(world, Self.copy(lexical), nil, nil, nil)
        }
    }

    /// A NUL-terminated copy in memory rasqal may free.
    private static func copy(_ string: String) -> UnsafePointer<UInt8> {
        let utf8 = Array(string.utf8)
        let memory = rasqal_alloc_memory(utf8.count + 1)!.assumingMemoryBound(to: UInt8.self)
        for (i, byte) in utf8.enumerated() { memory[i] = byte }
        memory[utf8.count] = 0
        return UnsafePointer(memory)
    }

    private static func text(_ bytes: UnsafePointer<UInt8>?, _ length: Int) -> String? {
        guard let bytes else { return length == 0 ? "" : nil }
        return String(validating: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
    }
}
