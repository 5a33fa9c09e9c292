import RDFModel

/// Interns terms: each distinct key (a name or id as written in the files) gets a small
/// integer and its term, so facts can be deduplicated by integers instead of strings.
struct TermTable {
    private var ids: [String: Int32] = [:]
    private(set) var terms: [RDFTerm] = []
    /// The keys in order of first appearance.
    private(set) var keys: [String] = []

    var count: Int { terms.count }

    mutating func reserve(_ n: Int) {
        ids.reserveCapacity(n)
        terms.reserveCapacity(n)
        keys.reserveCapacity(n)
    }

    @inline(__always)
    func id(_ key: String) -> Int32? { ids[key] }

    /// Registers `key` (new) under a new id, or under `existing` when two keys share a term.
    mutating func add(_ key: String, _ term: RDFTerm, existing: Int32? = nil) -> Int32 {
        if let existing { ids[key] = existing; return existing }
        let id = Int32(terms.count)
        ids[key] = id
        terms.append(term)
        keys.append(key)
        return id
    }

    subscript(id: Int32) -> RDFTerm { terms[Int(id)] }
}

/// A fact by interned ids, for spotting repeated lines within a split.
struct FactKey: Hashable {
    let head: Int32, relation: Int32, tail: Int32
}
