import BLAS
import Foundation

/// Which entity of a test triple is ranked.
public enum RankSide: String, Sendable { case head, tail }

/// How ties between the target and other candidates are resolved.
public enum RankKind: String, Sendable, CaseIterable {
    /// 1 + better.
    case optimistic
    /// 1 + better + equal.
    case pessimistic
    /// 1 + better + equal/2 (PyKEEN's "realistic"; the mean of the two above).
    case realistic
}

/// One ranked (test triple, side) pair. Scores compare as Float, exactly.
public struct RankRecord: Sendable {
    /// The test triple.
    public var triple: Triple
    /// Which side was ranked.
    public var side: RankSide
    /// The target's score.
    public var targetScore: Float
    /// Candidates other than the target, not filtered out, scoring strictly higher.
    public var better: Int
    /// Candidates other than the target, not filtered out, scoring exactly the same.
    public var equal: Int
    /// Same as ``better`` without the filter.
    public var rawBetter: Int
    /// Same as ``equal`` without the filter.
    public var rawEqual: Int

    /// The filtered rank of the given kind.
    public func rank(_ kind: RankKind) -> Double { Self.rank(kind, better: better, equal: equal) }
    /// The raw (unfiltered) rank of the given kind.
    public func rawRank(_ kind: RankKind) -> Double { Self.rank(kind, better: rawBetter, equal: rawEqual) }

    static func rank(_ kind: RankKind, better: Int, equal: Int) -> Double {
        switch kind {
        case .optimistic: return Double(1 + better)
        case .pessimistic: return Double(1 + better + equal)
        case .realistic: return 1 + Double(better) + Double(equal) / 2
        }
    }
}

/// Rank-based metrics over a set of ranks.
public struct RankingMetrics: Sendable, Equatable {
    /// Mean rank.
    public var meanRank: Double
    /// Mean reciprocal rank.
    public var meanReciprocalRank: Double
    /// Fraction of ranks ≤ 1, 3, 10 (a fractional rank such as 1.5 is not a hit at 1).
    public var hitsAt1: Double, hitsAt3: Double, hitsAt10: Double
    /// Number of ranks.
    public var count: Int

    /// Computes the metrics of `ranks`.
    public init(ranks: [Double]) {
        var sums = RankSums()
        for rank in ranks { sums.add(rank: rank) }
        self.init(sums)
    }

    /// The metrics of the ranks `sums` was given.
    init(_ sums: RankSums) {
        let n = max(sums.count, 1)
        count = Int(sums.count)
        meanRank = sums.rank / n
        meanReciprocalRank = sums.reciprocal / n
        hitsAt1 = sums.hits1 / n
        hitsAt3 = sums.hits3 / n
        hitsAt10 = sums.hits10 / n
    }
}

/// Sums over some ranks of the terms the metrics average: the one definition of a hit and of a
/// reciprocal rank, for whole evaluations and for the bootstrap's resamples alike.
struct RankSums {
    var rank = 0.0, reciprocal = 0.0, hits1 = 0.0, hits3 = 0.0, hits10 = 0.0, count = 0.0

    mutating func add(rank: Double) {
        self.rank += rank
        reciprocal += 1 / rank
        hits1 += rank <= 1 ? 1 : 0
        hits3 += rank <= 3 ? 1 : 0
        hits10 += rank <= 10 ? 1 : 0
        count += 1
    }

    mutating func add(_ other: RankSums) {
        rank += other.rank; reciprocal += other.reciprocal; hits1 += other.hits1; hits3 += other.hits3
        hits10 += other.hits10; count += other.count
    }
}

/// The outcome of a filtered ranking evaluation: one record per (triple, side).
public struct EvaluationResult: Sendable {
    /// Records in order: for each test triple, its tail record, then its head record.
    public var records: [RankRecord]

    /// Metrics of the given kind over both sides (`side == nil`) or one side, of every relation or
    /// one (`relation`); `raw` skips the filter.
    public func metrics(_ kind: RankKind = .realistic, side: RankSide? = nil, relation: Int32? = nil, raw: Bool = false) -> RankingMetrics {
        let chosen = records.filter { (side == nil || $0.side == side) && (relation == nil || $0.triple.relation == relation) }
        return RankingMetrics(ranks: chosen.map { raw ? $0.rawRank(kind) : $0.rank(kind) })
    }
}

extension TransEModel {
    /// Filtered ranking of every triple of `triples` (tail and head) against all entities.
    /// Candidates e ≠ target with (h, r, e) (resp. (e, r, t)) in `known` are removed.
    ///
    /// A tail query is q = e_h + r and a head query q = e_t − r (a reciprocal model: q = e_t + r⁻¹);
    /// every candidate, the target included, scores −‖q − e‖ from the very same computation, so
    /// equal embeddings tie exactly (the norm is symmetric, so e_h' + r − e_t = −(e_t − r − e_h')
    /// ranks heads exactly as well). L2 distances come from one matrix product per block of
    /// queries, ‖q‖² + ‖e‖² − 2 q·e (as torch.cdist does for large inputs); L1 from SIMD loops over
    /// blocks of queries × entity rows that stay in cache. Both use every core.
    public func evaluate(_ triples: [Triple], known: KnownTriples) -> EvaluationResult {
        let d = dimension, n = entityCount
        let queryCount = triples.count * 2
        let chunkSize = 256, subChunk = 32
        var records = [RankRecord?](repeating: nil, count: queryCount)
        let norm = self.norm, reciprocal = self.reciprocal, R = relationCount
        let squaredNorms = norm == .l2 ? entityEmbeddings.withUnsafeBufferPointer { e in
            (0..<n).map { c in VectorKernels.dot(e.baseAddress! + c * d, e.baseAddress! + c * d, d) }
        } : []
        let queries = UnsafeMutablePointer<Float>.allocate(capacity: chunkSize * d)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: chunkSize * n)
        defer { queries.deallocate(); scores.deallocate() }
        let q = UnsafeMutableSendable(queries), sc = UnsafeMutableSendable(scores)
        records.withUnsafeMutableBufferPointer { out in
            let out = UnsafeMutableSendable(out.baseAddress!)
            entityEmbeddings.withUnsafeBufferPointer { ebuf in
                relationEmbeddings.withUnsafeBufferPointer { rbuf in
                    squaredNorms.withUnsafeBufferPointer { nbuf in
                        let e = UnsafeSendable(ebuf.baseAddress!), r = UnsafeSendable(rbuf.baseAddress!)
                        var q0 = 0
                        while q0 < queryCount {
                            let count = min(chunkSize, queryCount - q0), first = q0
                            for i in 0..<count {
                                let query = first + i, triple = triples[query / 2], dst = q.p + i * d
                                if query % 2 == 0 {
                                    VectorKernels.add(e.p + Int(triple.head) * d, r.p + Int(triple.relation) * d, into: dst, d)
                                } else if reciprocal {
                                    VectorKernels.add(e.p + Int(triple.tail) * d, r.p + (R + Int(triple.relation)) * d, into: dst, d)
                                } else {
                                    VectorKernels.sub(e.p + Int(triple.tail) * d, r.p + Int(triple.relation) * d, into: dst, d)
                                }
                            }
                            if norm == .l2 {
                                BLAS.sgemm(transposeA: false, transposeB: true, m: count, n: n, k: d, alpha: -2,
                                           a: UnsafeBufferPointer(start: q.p, count: count * d), lda: d,
                                           b: ebuf, ldb: d, beta: 0,
                                           c: UnsafeMutableBufferPointer(start: sc.p, count: count * n), ldc: n)
                            }
                            // An empty array may still have a base address: choose by the norm.
                            let norms = norm == .l2 ? UnsafeSendable(nbuf.baseAddress!) : nil
                            let blocks = (count + subChunk - 1) / subChunk
                            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                                let lo = block * subChunk, hi = min(count, lo + subChunk)
                                if let norms {
                                    for i in lo..<hi {
                                        let query = q.p + i * d, row = sc.p + i * n
                                        let qq = VectorKernels.dot(query, query, d)
                                        for c in 0..<n { row[c] = -max(0, qq + norms.p[c] + row[c]).squareRoot() }
                                    }
                                } else {
                                    var b0 = 0
                                    while b0 < n {  // 256 entity rows at a time against the block's queries
                                        let b1 = min(n, b0 + 256)
                                        for i in lo..<hi {
                                            let query = q.p + i * d, row = sc.p + i * n
                                            for c in b0..<b1 { row[c] = -VectorKernels.distance(query, e.p + c * d, d, norm) }
                                        }
                                        b0 = b1
                                    }
                                }
                                for i in lo..<hi {
                                    out.p[first + i] = Self.rank(query: first + i, triples: triples, scores: sc.p + i * n, n: n, known: known)
                                }
                            }
                            q0 += count
                        }
                    }
                }
            }
        }
        return EvaluationResult(records: records.map { $0! })
    }

    /// The rank record of query `query` (even: tail of triple query/2, odd: its head) from its scores.
    private static func rank(query: Int, triples: [Triple], scores row: UnsafeMutablePointer<Float>, n: Int,
                             known: KnownTriples) -> RankRecord {
        let triple = triples[query / 2]
        let side: RankSide = query % 2 == 0 ? .tail : .head
        let target = side == .tail ? triple.tail : triple.head
        var s = row[Int(target)]
        if s.isNaN {
            // A diverged model's NaN compares false with everything, which would rank it first:
            // NaN scores rank last instead, tied among themselves (LibKGE's rule).
            for c in 0..<n where row[c].isNaN { row[c] = -.infinity }
            s = -.infinity
        }
        var better = 0, equal = 0
        for c in 0..<n {
            let v = row[c]
            better &+= v > s ? 1 : 0
            equal &+= v == s ? 1 : 0
        }
        equal -= 1 // the target itself
        var fBetter = better, fEqual = equal
        let filtered = side == .tail ? known.tails(head: triple.head, relation: triple.relation)
                                     : known.heads(relation: triple.relation, tail: triple.tail)
        for c in filtered where c != target {
            let v = row[Int(c)]
            if v > s { fBetter -= 1 } else if v == s { fEqual -= 1 }
        }
        return RankRecord(triple: triple, side: side, targetScore: s, better: fBetter, equal: fEqual,
                          rawBetter: better, rawEqual: equal)
    }
}

/// A pointer handed to worker closures; the caller guarantees disjoint or read-only use.
struct UnsafeSendable<T>: @unchecked Sendable {
    let p: UnsafePointer<T>
    init(_ p: UnsafePointer<T>) { self.p = p }
}

/// A mutable pointer handed to worker closures; the caller guarantees disjoint writes.
struct UnsafeMutableSendable<T>: @unchecked Sendable {
    let p: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { self.p = p }
}

/// A lock-protected counter handing out work items.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        let v = value
        value += 1
        return v
    }
}
