import Foundation

/// The parameter update rule.
public enum OptimizerKind: Sendable {
    /// Plain SGD: w −= lr·g.
    case sgd(learningRate: Float)
    /// Adam with bias correction by the global step count. By default every row is updated at
    /// every step (dense, as PyTorch's Adam); with ``TrainingConfiguration/lazyUpdates`` only
    /// rows with a gradient in the batch are (as PyTorch's SparseAdam).
    case adam(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8)
    /// Adagrad (PyTorch's, accumulator starting at 0), the optimiser of the CoDEx/LibKGE TransE
    /// baselines. A row without a gradient does not move, so dense and lazy updates coincide.
    case adagrad(learningRate: Float, epsilon: Float = 1e-10)

    /// Whether a step with a zero gradient leaves a row unchanged (so untouched rows can be skipped).
    var zeroGradientIsNoOp: Bool {
        if case .adam = self { return false }
        return true
    }
}

/// Optimiser state (Adam's first and second moments, Adagrad's sum of squares in `v`) for one table.
final class OptimizerState: @unchecked Sendable {
    let kind: OptimizerKind
    let m: UnsafeMutablePointer<Float>
    let v: UnsafeMutablePointer<Float>
    let count: Int
    /// Multiplies the configured learning rate (lowered on validation plateaus).
    var learningRateScale: Float = 1
    /// Adam's bias corrections for the current step (``begin(step:)``), computed once per batch
    /// rather than twice per row.
    private var firstMomentCorrection: Float = 1, secondMomentCorrection: Float = 1

    init(kind: OptimizerKind, count: Int) {
        self.kind = kind
        self.count = count
        let size: Int
        if case .sgd = kind { size = 0 } else { size = count }
        m = .allocate(capacity: max(size, 1)); m.initialize(repeating: 0, count: max(size, 1))
        v = .allocate(capacity: max(size, 1)); v.initialize(repeating: 0, count: max(size, 1))
    }

    deinit { m.deallocate(); v.deallocate() }

    /// Prepares the updates of global step `step` (≥ 1); call it before the rows of a batch are updated.
    func begin(step: Int) {
        guard case let .adam(_, b1, b2, _) = kind else { return }
        firstMomentCorrection = 1 - Float(Foundation.pow(Double(b1), Double(step)))
        secondMomentCorrection = 1 - Float(Foundation.pow(Double(b2), Double(step)))
    }

    /// Applies gradient `g` to the d values at `offset` of the table `w`, at the step given to ``begin(step:)``.
    @inline(__always)
    func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, offset: Int, d: Int) {
        typealias V = SIMD16<Float>
        switch kind {
        case let .sgd(rate):
            let lr = rate * learningRateScale
            for i in 0..<d { w[offset + i] -= lr * g[i] }
        case let .adam(rate, b1, b2, eps):
            let lr = rate * learningRateScale
            let stepSize = lr / firstMomentCorrection, invSqrtC2 = 1 / secondMomentCorrection.squareRoot()
            let mp = m + offset, vp = v + offset, wp = w + offset
            var i = 0
            while i + 16 <= d {
                let gi = VectorKernels.load(g, i)
                let mi = VectorKernels.load(mp, i) * b1 + gi * (1 - b1)
                let vi = VectorKernels.load(vp, i) * b2 + gi * gi * (1 - b2)
                VectorKernels.store(mi, mp, i)
                VectorKernels.store(vi, vp, i)
                let denom = vi.squareRoot() * invSqrtC2 + V(repeating: eps)
                VectorKernels.store(VectorKernels.load(wp, i) - stepSize * mi / denom, wp, i)
                i += 16
            }
            while i < d {
                let gi = g[i]
                mp[i] = mp[i] * b1 + gi * (1 - b1)
                vp[i] = vp[i] * b2 + gi * gi * (1 - b2)
                wp[i] -= stepSize * mp[i] / (vp[i].squareRoot() * invSqrtC2 + eps)
                i += 1
            }
        case let .adagrad(rate, eps):
            let lr = rate * learningRateScale
            let vp = v + offset, wp = w + offset
            var i = 0
            while i + 16 <= d {
                let gi = VectorKernels.load(g, i)
                let vi = VectorKernels.load(vp, i) + gi * gi
                VectorKernels.store(vi, vp, i)
                VectorKernels.store(VectorKernels.load(wp, i) - lr * gi / (vi.squareRoot() + V(repeating: eps)), wp, i)
                i += 16
            }
            while i < d {
                let gi = g[i]
                vp[i] += gi * gi
                wp[i] -= lr * gi / (vp[i].squareRoot() + eps)
                i += 1
            }
        }
    }
}
