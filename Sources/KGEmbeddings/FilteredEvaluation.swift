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
        let n = Double(max(ranks.count, 1))
        count = ranks.count
        meanRank = ranks.reduce(0, +) / n
        meanReciprocalRank = ranks.reduce(0) { $0 + 1 / $1 } / n
        hitsAt1 = Double(ranks.filter { $0 <= 1 }.count) / n
        hitsAt3 = Double(ranks.filter { $0 <= 3 }.count) / n
        hitsAt10 = Double(ranks.filter { $0 <= 10 }.count) / n
    }
}

/// The outcome of a filtered ranking evaluation: one record per (triple, side).
public struct EvaluationResult: Sendable {
    /// Records in order: for each test triple, its tail record, then its head record.
    public var records: [RankRecord]

    /// Metrics of the given kind over both sides (`side == nil`) or one side; `raw` skips the filter.
    public func metrics(_ kind: RankKind = .realistic, side: RankSide? = nil, raw: Bool = false) -> RankingMetrics {
        let chosen = records.filter { side == nil || $0.side == side }
        return RankingMetrics(ranks: chosen.map { raw ? $0.rawRank(kind) : $0.rank(kind) })
    }
}

extension TransEModel {
    /// Filtered ranking of every triple of `triples` (tail and head) against all entities.
    /// Candidates e ≠ target with (h, r, e) (resp. (e, r, t)) in `known` are removed.
    ///
    /// Tail candidates are scored as −‖(e_h + r) − e‖, head candidates as −‖e − (e_t − r)‖, the
    /// target with the very same expression, so equal embeddings tie exactly. A reciprocal model
    /// scores head candidates as tails of the inverse: −‖(e_t + r⁻¹) − e‖. Work is split over
    /// `threads` threads, in blocks of queries × entity rows that stay in cache.
    public func evaluate(_ triples: [Triple], known: KnownTriples, threads: Int = 2) -> EvaluationResult {
        let d = dimension, n = entityCount
        let queriesPerChunk = 32
        let queryCount = triples.count * 2
        let chunkCount = (queryCount + queriesPerChunk - 1) / queriesPerChunk
        var records = [RankRecord?](repeating: nil, count: queryCount)
        let norm = self.norm, reciprocal = self.reciprocal, R = relationCount
        records.withUnsafeMutableBufferPointer { out in
            let out = UnsafeMutableSendable(out.baseAddress!)
            entityEmbeddings.withUnsafeBufferPointer { ebuf in
                relationEmbeddings.withUnsafeBufferPointer { rbuf in
                    let e = UnsafeSendable(ebuf.baseAddress!), r = UnsafeSendable(rbuf.baseAddress!)
                    let next = AtomicCounter()
                    DispatchQueue.concurrentPerform(iterations: max(1, min(threads, chunkCount))) { _ in
                        let queries = UnsafeMutablePointer<Float>.allocate(capacity: queriesPerChunk * d)
                        let scores = UnsafeMutablePointer<Float>.allocate(capacity: queriesPerChunk * n)
                        defer { queries.deallocate(); scores.deallocate() }
                        while true {
                            let chunk = next.next()
                            if chunk >= chunkCount { break }
                            let q0 = chunk * queriesPerChunk, q1 = min(queryCount, q0 + queriesPerChunk)
                            for q in q0..<q1 {
                                let triple = triples[q / 2]
                                let dst = queries + (q - q0) * d
                                if q % 2 == 0 {
                                    VectorKernels.add(e.p + Int(triple.head) * d, r.p + Int(triple.relation) * d, into: dst, d)
                                } else if reciprocal {
                                    VectorKernels.add(e.p + Int(triple.tail) * d, r.p + (R + Int(triple.relation)) * d, into: dst, d)
                                } else {
                                    VectorKernels.sub(e.p + Int(triple.tail) * d, r.p + Int(triple.relation) * d, into: dst, d)
                                }
                            }
                            // Blocked scoring: 256 entity rows at a time against every query of the chunk.
                            var b0 = 0
                            while b0 < n {
                                let b1 = min(n, b0 + 256)
                                for q in 0..<(q1 - q0) {
                                    let query = queries + q * d, row = scores + q * n
                                    if (q0 + q) % 2 == 0 || reciprocal {
                                        for c in b0..<b1 { row[c] = -VectorKernels.distance(query, e.p + c * d, d, norm) }
                                    } else {
                                        for c in b0..<b1 { row[c] = -VectorKernels.distance(e.p + c * d, query, d, norm) }
                                    }
                                }
                                b0 = b1
                            }
                            for q in q0..<q1 {
                                let triple = triples[q / 2]
                                let side: RankSide = q % 2 == 0 ? .tail : .head
                                let target = side == .tail ? triple.tail : triple.head
                                let row = scores + (q - q0) * n
                                let s = row[Int(target)]
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
                                out.p[q] = RankRecord(triple: triple, side: side, targetScore: s, better: fBetter, equal: fEqual,
                                                      rawBetter: better, rawEqual: equal)
                            }
                        }
                    }
                }
            }
        }
        return EvaluationResult(records: records.map { $0! })
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
