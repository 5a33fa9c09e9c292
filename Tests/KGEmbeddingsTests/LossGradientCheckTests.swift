import Tensors
import XCTest
@testable import KGEmbeddings

/// Finite-difference checks of the loss gradients (L2: L1's kinks make central differences
/// unreliable; the PyTorch fixture covers L1).
final class LossGradientCheckTests: XCTestCase {
    private let positives = [Triple(0, 0, 1), Triple(2, 1, 3), Triple(4, 0, 2)]

    private func negatives(k: Int) -> NegativeBatch {
        var rng = SeededRandom(seed: 7)
        let count = positives.count * k
        return NegativeBatch(perPositive: k, entities: (0..<count).map { _ in Int32(rng.nextIndex(6)) },
                             corruptsHead: (0..<count).map { _ in rng.nextUniform() < 0.5 })
    }

    private func check(_ loss: TransELoss, norm: DistanceNorm, reciprocal: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        var model = TransEModel(entityCount: 6, relationCount: 2, dimension: 5, norm: norm, seed: 3,
                                initialization: .xavierNormal, reciprocal: reciprocal)
        let negs = negatives(k: 4)
        let analytic = model.lossAndGradients(positives: positives, negatives: negs, loss: loss)
        let h: Float = 1e-2
        let tables: [(WritableKeyPath<TransEModel, [Float]>, [Float], String, Int)] = [
            (\.entityEmbeddings, analytic.entityGradient, "entity", 3), (\.relationEmbeddings, analytic.relationGradient, "relation", 1),
        ]
        for (table, gradient, name, step) in tables {
            for index in stride(from: 0, to: model[keyPath: table].count, by: step) {
                let saved = model[keyPath: table][index]
                model[keyPath: table][index] = saved + h
                let up = model.lossAndGradients(positives: positives, negatives: negs, loss: loss).loss
                model[keyPath: table][index] = saved - h
                let down = model.lossAndGradients(positives: positives, negatives: negs, loss: loss).loss
                model[keyPath: table][index] = saved
                XCTAssertEqual(gradient[index], (up - down) / (2 * h), accuracy: 2e-3,
                               "\(name) value \(index), \(loss), \(norm)", file: file, line: line)
            }
        }
    }

    func testSoftmaxCrossEntropyGradient() {
        check(.softmaxCrossEntropy, norm: .l2)
    }

    /// The self-adversarial weights are constants in the gradient by definition, so only the
    /// PyTorch fixture (TransEFixtureTests) can check that loss; margin ranking is checked here.
    func testMarginRankingGradient() {
        check(.marginRanking(margin: 1), norm: .l2)
    }

    func testReciprocalTablesGradient() {
        check(.softmaxCrossEntropy, norm: .l2, reciprocal: true)
    }
}
