import CRedland

/// How many quads a triple pattern matches alone (none of its variables bound, any graph), from
/// the store's counts (`QuadDatabase.scanSize`), for choosing where rasqal starts.
struct RasqalScanEstimate {
    let cache: RasqalTermCache
    let placeholders: Placeholders

    /// The quads matching the triple's constants, up to `QuadDatabase.scanSizeLimit`; 0 when a
    /// constant is not in the store; nil for the placeholders and the unit triple, which are not scans.
    func rows(of triple: UnsafeMutablePointer<rasqal_triple>) throws -> Int? {
        let t = triple.pointee
        guard !RasqalTriplesSource.isUnit(triple), placeholders.check(at: t.subject) == nil, placeholders.path(at: t.predicate) == nil else {
            return nil
        }
        var ids: [Int64?] = []
        for term in [t.subject, t.predicate, t.object] {
            guard let term else { return nil }
            if rasqal_literal_as_variable(term) != nil {
                ids.append(nil)
                continue
            }
            guard let id = cache.id(of: term) else { return 0 }
            ids.append(id)
        }
        return try cache.database.scanSize(subject: ids[0], predicate: ids[1], object: ids[2])
    }

    /// `rows(of:)` for a triple whose subject and object are variables: a plain scan of its
    /// predicate (or of everything); nil for any other.
    func plainScanRows(of triple: UnsafeMutablePointer<rasqal_triple>) throws -> Int? {
        let t = triple.pointee
        guard t.subject.flatMap(rasqal_literal_as_variable) != nil, t.object.flatMap(rasqal_literal_as_variable) != nil else { return nil }
        return try rows(of: triple)
    }
}
