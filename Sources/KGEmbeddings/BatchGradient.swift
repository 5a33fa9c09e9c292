import Foundation

/// Forward and backward pass of one positive triple with its k negatives, accumulating
/// `scale · ∂loss/∂θ` into a ``GradientBuffer``.
///
/// Tail corruptions reuse hr = e_h + r (x = hr − e_t'), head corruptions reuse tr = e_t − r
/// (x = e_h' − tr), so each negative reads a single entity row.
enum BatchGradient {
    /// Scratch: 4·d floats (hr, tr, ∂/∂hr, ∂/∂tr) + 3k floats (distances, then coefficients;
    /// distances kept; self-adversarial weights).
    static func scratchSize(dimension d: Int, perPositive k: Int) -> Int { 4 * d + 3 * k }

    /// Returns the unaveraged loss of this positive (sum over pairs for margin ranking).
    @inline(__always)
    static func accumulate(entities: UnsafePointer<Float>, relations: UnsafePointer<Float>,
                           dimension d: Int, norm: DistanceNorm, positive: Triple,
                           negEntities: UnsafePointer<Int32>, negHead: UnsafePointer<Bool>, k: Int,
                           loss: TransELoss, scale: Float, grads: GradientBuffer,
                           scratch: UnsafeMutablePointer<Float>) -> Float {
        let h = entities + Int(positive.head) * d
        let r = relations + Int(positive.relation) * d
        let t = entities + Int(positive.tail) * d
        let hr = scratch, tr = scratch + d, gHR = scratch + 2 * d, gTR = scratch + 3 * d
        let dist = scratch + 4 * d, kept = scratch + 4 * d + k
        VectorKernels.add(h, r, into: hr, d)
        VectorKernels.sub(t, r, into: tr, d)
        gHR.update(repeating: 0, count: 2 * d)

        let dPos = VectorKernels.distance(hr, t, d, norm)
        for j in 0..<k {
            let e = entities + Int(negEntities[j]) * d
            dist[j] = negHead[j] ? VectorKernels.distance(e, tr, d, norm) : VectorKernels.distance(hr, e, d, norm)
            kept[j] = dist[j]
        }

        // Coefficients ∂loss/∂distance; dist[j] is overwritten by its coefficient.
        var value: Float = 0
        var cPos: Float = 0
        switch loss {
        case let .marginRanking(margin):
            for j in 0..<k {
                let hinge = margin + dPos - dist[j]
                if hinge > 0 {
                    value += hinge
                    cPos += scale
                    dist[j] = -scale
                } else {
                    dist[j] = 0
                }
            }
        case let .selfAdversarial(margin, temperature):
            // The softmax weights' exponentials are kept in `weight` (one exp per negative), and
            // softplus and sigmoid of the same x share exp(−|x|): two exps and a log1p per negative.
            let weight = scratch + 4 * d + 2 * k
            var maxLogit = -Float.infinity
            for j in 0..<k { maxLogit = max(maxLogit, -temperature * dist[j]) }
            var z: Float = 0
            for j in 0..<k {
                weight[j] = Foundation.expf(-temperature * dist[j] - maxLogit)
                z += weight[j]
            }
            let positive = LogisticTerms(dPos - margin)
            value = positive.softplus
            cPos = positive.sigmoid * scale
            let invZ = 1 / z
            for j in 0..<k {
                let w = weight[j] * invZ
                let negative = LogisticTerms(margin - dist[j])
                value += w * negative.softplus
                dist[j] = -w * negative.sigmoid * scale
            }
        case .softmaxCrossEntropy:
            // ∂loss/∂s_j = p_j − [j = pos], and d = −s.
            var maxLogit = -dPos
            for j in 0..<k { maxLogit = max(maxLogit, -dist[j]) }
            var z = (-dPos - maxLogit).expf()
            for j in 0..<k { z += (-dist[j] - maxLogit).expf() }
            let logZ = maxLogit + Float(Foundation.log(Double(z)))
            value = dPos + logZ
            cPos = (1 - (-dPos - logZ).expf()) * scale
            for j in 0..<k { dist[j] = -(-dist[j] - logZ).expf() * scale }
        }

        // Backward.
        if cPos != 0 {
            VectorKernels.distanceGradient(hr, t, d, norm, dist: dPos, coef: cPos, ga: gHR, gb: grads.entityRow(positive.tail))
        }
        for j in 0..<k where dist[j] != 0 {
            let e = entities + Int(negEntities[j]) * d
            if negHead[j] {
                VectorKernels.distanceGradient(e, tr, d, norm, dist: kept[j], coef: dist[j], ga: grads.entityRow(negEntities[j]), gb: gTR)
            } else {
                VectorKernels.distanceGradient(hr, e, d, norm, dist: kept[j], coef: dist[j], ga: gHR, gb: grads.entityRow(negEntities[j]))
            }
        }
        // gHR holds ∂loss/∂hr (hr = h + r), gTR holds ∂loss/∂tr (tr = t − r).
        let gh = grads.entityRow(positive.head)
        let gt = grads.entityRow(positive.tail)
        let gr = grads.relationRow(positive.relation)
        for i in 0..<d {
            gh[i] += gHR[i]
            gr[i] += gHR[i] - gTR[i]
            gt[i] += gTR[i]
        }
        return value
    }
}

extension TransEModel {
    /// The batch loss and its exact gradient with respect to both tables (single-threaded;
    /// for checking and small batches — ``TransETrainer`` uses the same kernel in parallel).
    public func lossAndGradients(positives: [Triple], negatives: NegativeBatch, loss: TransELoss) -> LossGradients {
        let d = dimension, k = negatives.perPositive
        let grads = GradientBuffer(entityCount: entityCount, relationCount: relationRows, dimension: d)
        let scale = loss.meanScale(positives: positives.count, pairs: positives.count * k)
        var perPositive: [Float] = []
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: BatchGradient.scratchSize(dimension: d, perPositive: k))
        defer { scratch.deallocate() }
        entityEmbeddings.withUnsafeBufferPointer { e in
            relationEmbeddings.withUnsafeBufferPointer { r in
                negatives.entities.withUnsafeBufferPointer { ne in
                    negatives.corruptsHead.withUnsafeBufferPointer { nh in
                        for (i, positive) in positives.enumerated() {
                            perPositive.append(BatchGradient.accumulate(
                                entities: e.baseAddress!, relations: r.baseAddress!, dimension: d, norm: norm,
                                positive: positive, negEntities: ne.baseAddress! + i * k, negHead: nh.baseAddress! + i * k,
                                k: k, loss: loss, scale: scale, grads: grads, scratch: scratch))
                        }
                    }
                }
            }
        }
        let total = perPositive.reduce(0, +) * scale
        return LossGradients(loss: total, perPositive: perPositive,
                             entityGradient: Array(UnsafeBufferPointer(start: grads.entity, count: entityCount * d)),
                             relationGradient: Array(UnsafeBufferPointer(start: grads.relation, count: relationRows * d)))
    }
}
