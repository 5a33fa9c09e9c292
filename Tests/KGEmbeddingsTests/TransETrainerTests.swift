import Tensors
import XCTest
@testable import KGEmbeddings

final class TransETrainerTests: XCTestCase {
    /// A toy KG: relation 0 maps e → e+1, relation 1 maps e → e+2 (mod 20).
    func toy() -> [Triple] {
        (0..<20).flatMap { e in [Triple(e, 0, (e + 1) % 20), Triple(e, 1, (e + 2) % 20)] }
    }

    func train(threads: Int, loss: TransELoss, optimizer: OptimizerKind, sampling: CorruptionSampling, epochs: Int,
               lazy: Bool = false) -> (TransEModel, [Float]) {
        var cfg = TrainingConfiguration()
        cfg.lazyUpdates = lazy
        cfg.batchSize = 16
        cfg.negativesPerPositive = 4
        cfg.loss = loss
        cfg.optimizer = optimizer
        cfg.sampling = sampling
        cfg.seed = 7
        cfg.threads = threads
        let trainer = TransETrainer(model: TransEModel(entityCount: 20, relationCount: 2, dimension: 24, norm: .l1, seed: 3),
                                    train: toy(), configuration: cfg)
        let losses = (0..<epochs).map { _ in trainer.trainEpoch() }
        return (trainer.model, losses)
    }

    func testDeterministicAndLearns() {
        for (loss, opt) in [(TransELoss.selfAdversarial(margin: 4, temperature: 1), OptimizerKind.adam(learningRate: 0.02)),
                            (.marginRanking(margin: 1), .sgd(learningRate: 0.05))] {
            let (a, lossesA) = train(threads: 2, loss: loss, optimizer: opt, sampling: .bernoulli, epochs: 60)
            let (b, lossesB) = train(threads: 2, loss: loss, optimizer: opt, sampling: .bernoulli, epochs: 60)
            XCTAssertEqual(a.entityEmbeddings, b.entityEmbeddings)
            XCTAssertEqual(lossesA, lossesB)
            XCTAssertLessThan(lossesA.last!, lossesA.first! * 0.7, "\(loss)")
            let (c, _) = train(threads: 1, loss: loss, optimizer: opt, sampling: .uniform, epochs: 1)
            XCTAssertEqual(c.entityCount, 20)
        }
    }

    func testOneThreadMatchesTwoThreadsClosely() {
        let (a, _) = train(threads: 1, loss: .selfAdversarial(margin: 4, temperature: 1), optimizer: .sgd(learningRate: 0.01), sampling: .uniform, epochs: 2)
        let (b, _) = train(threads: 2, loss: .selfAdversarial(margin: 4, temperature: 1), optimizer: .sgd(learningRate: 0.01), sampling: .uniform, epochs: 2)
        for (x, y) in zip(a.entityEmbeddings, b.entityEmbeddings) { XCTAssertEqual(x, y, accuracy: 1e-5) }
    }

    func testTrainedToyRanksWell() {
        let (m, _) = train(threads: 2, loss: .selfAdversarial(margin: 4, temperature: 1), optimizer: .adam(learningRate: 0.02), sampling: .uniform, epochs: 150)
        let triples = toy()
        let result = m.evaluate(triples, known: KnownTriples(triples))
        XCTAssertGreaterThan(result.metrics(.realistic).meanReciprocalRank, 0.5)
    }

    /// A diverged model (NaN vectors) ranks every target last among ties, never first.
    func testNaNScoresRankLast() {
        let triples = toy()
        for norm in [DistanceNorm.l1, .l2] {
            let nan = TransEModel(entityCount: 20, relationCount: 2, dimension: 4, norm: norm,
                                  entityEmbeddings: [Float](repeating: .nan, count: 80), relationEmbeddings: [Float](repeating: .nan, count: 8))
            let metrics = nan.evaluate(triples, known: KnownTriples(triples)).metrics(.realistic)
            XCTAssertLessThan(metrics.meanReciprocalRank, 0.2, "\(norm)")
            XCTAssertEqual(metrics.hitsAt1, 0, "\(norm)")
        }
    }

    func testLazyAndDenseAdam() {
        let adam = OptimizerKind.adam(learningRate: 0.02), loss = TransELoss.selfAdversarial(margin: 4, temperature: 1)
        XCTAssertFalse(TrainingConfiguration().lazyUpdates, "dense Adam is the default")
        let (lazyA, lazyLosses) = train(threads: 2, loss: loss, optimizer: adam, sampling: .uniform, epochs: 40, lazy: true)
        let (lazyB, _) = train(threads: 2, loss: loss, optimizer: adam, sampling: .uniform, epochs: 40, lazy: true)
        let (dense, denseLosses) = train(threads: 2, loss: loss, optimizer: adam, sampling: .uniform, epochs: 40)
        XCTAssertEqual(lazyA.entityEmbeddings, lazyB.entityEmbeddings)
        XCTAssertNotEqual(lazyA.entityEmbeddings, dense.entityEmbeddings)
        XCTAssertLessThan(lazyLosses.last!, lazyLosses.first! * 0.7)
        XCTAssertLessThan(denseLosses.last!, denseLosses.first! * 0.7)
        // SGD ignores the flag: a zero gradient moves nothing.
        let (sgdLazy, _) = train(threads: 2, loss: loss, optimizer: .sgd(learningRate: 0.01), sampling: .uniform, epochs: 2, lazy: true)
        let (sgdDense, _) = train(threads: 2, loss: loss, optimizer: .sgd(learningRate: 0.01), sampling: .uniform, epochs: 2)
        XCTAssertEqual(sgdLazy.entityEmbeddings, sgdDense.entityEmbeddings)
    }

    func testBernoulliProbabilities() {
        // Relation 0: one head with 3 tails (tph 3, hpt 1) → corrupt the head with p = 3/4.
        let s = NegativeSampler(train: [Triple(0, 0, 1), Triple(0, 0, 2), Triple(0, 0, 3)], entityCount: 4, relationCount: 1, sampling: .bernoulli)
        XCTAssertEqual(s.headProbability[0], 0.75, accuracy: 1e-6)
    }
}

final class SeededRandomIndexTests: XCTestCase {
    /// Negatives are drawn with nextIndex: it must reach every index about equally often
    /// (a precedence slip once made it return 0 for every n, so every negative was entity 0).
    func testNextIndexIsUniform() {
        var rng = SeededRandom(seed: 5)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 { counts[rng.nextIndex(10)] += 1 }
        for count in counts { XCTAssertEqual(Double(count), 1_000, accuracy: 150) }
    }
}

final class ReciprocalTrainingTests: XCTestCase {
    /// The CoDEx recipe (reciprocal relations, softmax cross-entropy, Adagrad, Xavier, no
    /// normalisation) learns the toy graph in both directions, and survives a save/load.
    func testReciprocalCrossEntropyLearnsBothDirections() throws {
        // A chain (a cycle has no exact translation model): relation 0 is +1, relation 1 is +2.
        let triples = (0..<18).flatMap { e in [Triple(e, 0, e + 1), Triple(e, 1, e + 2)] }
        var cfg = TrainingConfiguration()
        cfg.batchSize = 16; cfg.negativesPerPositive = 8; cfg.headNegatives = 2
        cfg.loss = .softmaxCrossEntropy; cfg.optimizer = .adagrad(learningRate: 0.1); cfg.normalizeEntities = false
        let model = TransEModel(entityCount: 20, relationCount: 2, dimension: 24, norm: .l2, seed: 3,
                                initialization: .xavierNormal, reciprocal: true)
        XCTAssertEqual(model.relationEmbeddings.count, 2 * 2 * 24)
        let trainer = TransETrainer(model: model, train: triples, configuration: cfg)
        for _ in 0..<150 { trainer.trainEpoch() }
        let result = trainer.model.evaluate(triples, known: KnownTriples(triples))
        XCTAssertGreaterThan(result.metrics(side: .tail).meanReciprocalRank, 0.7, "random ranking gives about 0.2")
        XCTAssertGreaterThan(result.metrics(side: .head).meanReciprocalRank, 0.7, "random ranking gives about 0.2")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reciprocal-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try trainer.model.save(to: url)
        let loaded = try TransEModel.load(from: url).model
        XCTAssertTrue(loaded.reciprocal)
        XCTAssertEqual(loaded.relationCount, 2)
        XCTAssertEqual(loaded.relationEmbeddings, trainer.model.relationEmbeddings)
    }

    /// Shared negatives (one pool per batch) still learn, and stay deterministic.
    func testSharedNegativesLearnAndAreDeterministic() {
        let triples = (0..<18).flatMap { e in [Triple(e, 0, e + 1), Triple(e, 1, e + 2)] }
        var cfg = TrainingConfiguration()
        cfg.batchSize = 16; cfg.negativesPerPositive = 8; cfg.sharedNegatives = true
        cfg.loss = .softmaxCrossEntropy; cfg.optimizer = .adagrad(learningRate: 0.1); cfg.normalizeEntities = false
        func run() -> TransEModel {
            let model = TransEModel(entityCount: 20, relationCount: 2, dimension: 24, norm: .l2, seed: 3,
                                    initialization: .xavierNormal, reciprocal: true)
            let trainer = TransETrainer(model: model, train: triples, configuration: cfg)
            for _ in 0..<150 { trainer.trainEpoch() }
            return trainer.model
        }
        let a = run(), b = run()
        XCTAssertEqual(a.entityEmbeddings, b.entityEmbeddings)
        XCTAssertGreaterThan(a.evaluate(triples, known: KnownTriples(triples)).metrics().meanReciprocalRank, 0.6,
                             "random ranking gives about 0.2")
    }
}
