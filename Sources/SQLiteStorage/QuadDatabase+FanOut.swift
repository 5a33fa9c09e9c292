/// How many quads a triple pattern matches for one value of its subject or of its object, on
/// average: what a join reading it with that position bound looks up per row.
struct FanOut {
    /// Quads per subject (a pattern whose subject is bound).
    let perSubject: Double
    /// Quads per object (a pattern whose object is bound).
    let perObject: Double
}

extension QuadDatabase {
    /// Quads read to estimate a fan-out: enough to see many objects of a common predicate.
    static let fanOutSampleRows = 4096
    /// Subjects whose quads are counted to estimate the per-subject fan-out.
    static let fanOutSampleSubjects = 16

    /// The fan-out of `predicate`'s quads (nil: of all quads), estimated from the first quads of
    /// an index: quads per distinct object among its first quads in (p, o, s) order, and the
    /// quads of the first subjects met there, each counted on the primary key (of all quads:
    /// quads per distinct subject and object among the first in (s, p, o) and (o, s, p) order).
    /// Kept, like the scan sizes, until the database changes; a few short index walks the first time.
    func fanOut(ofPredicate predicate: Int64?) throws -> FanOut {
        try fanOuts.value(for: predicate, at: try versionInReadTransaction()) {
            guard let predicate else {
                return FanOut(perSubject: try quadsPerValue("SELECT s, 0 FROM quad", nil).perValue,
                              perObject: try quadsPerValue("SELECT o, 0 FROM quad INDEXED BY quad_osp", nil).perValue)
            }
            let (perObject, subjects) = try quadsPerValue("SELECT o, s FROM quad INDEXED BY quad_pos WHERE p = ?1", predicate)
            let count = try connection.prepare("SELECT COUNT(*) FROM quad WHERE s = ?1 AND p = ?2")
            var quads = 0
            for subject in subjects {
                count.reset()
                count.bind(1, subject)
                count.bind(2, predicate)
                _ = try count.step()
                quads += Int(count.int64(0))
            }
            return FanOut(perSubject: subjects.isEmpty ? 0 : Double(quads) / Double(subjects.count), perObject: perObject)
        }
    }

    /// Over the first `fanOutSampleRows` rows of `query` (two columns of ids, `bound` as its
    /// parameter): rows per distinct value of the first column, and the first
    /// `fanOutSampleSubjects` distinct values of the second column in the order met.
    private func quadsPerValue(_ query: String, _ bound: Int64?) throws -> (perValue: Double, seconds: [Int64]) {
        let sample = try connection.prepare(query + " LIMIT \(Self.fanOutSampleRows)")
        if let bound { sample.bind(1, bound) }
        var rows = 0, values = Set<Int64>(), seconds: [Int64] = [], seen = Set<Int64>()
        while try sample.step() {
            rows += 1
            values.insert(sample.int64(0))
            if seen.count < Self.fanOutSampleSubjects, seen.insert(sample.int64(1)).inserted { seconds.append(sample.int64(1)) }
        }
        return (values.isEmpty ? 0 : Double(rows) / Double(values.count), seconds)
    }
}
