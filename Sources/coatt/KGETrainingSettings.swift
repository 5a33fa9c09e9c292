import Foundation
import KGEmbeddings

/// The hyper-parameters of `coatt kge train`, as read from a JSON config file (`--config`) whose
/// keys are the long option names (`{"dim": 512, "norm": "l2", "head-negatives": 2, …}`); an
/// option given on the command line overrides the file. The effective settings are written into
/// the model's description, so a run can be repeated from it.
struct KGETrainingSettings: JSONSettingsFile, Equatable {
    typealias SettingKey = CodingKeys

    var dim = 128
    var norm = "l1"
    var loss = "nssa"
    var margin: Float = 9
    var temperature: Float = 1
    var negatives = 32
    var headNegatives: Int?
    var reciprocal = false
    var sharedNegatives = false
    var lazyUpdates = false
    var initialization = "transe"
    var sampling = "uniform"
    var optimizer = "adam"
    var lr: Float = 0.01
    var lrDecay: Float = 1
    var lrDecayPatience = 6
    var batchSize = 1024
    var epochs = 50
    var evalEvery = 5
    var patience = 3
    var seed: UInt64 = 1
    var normalize = true

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dim, norm, loss, margin, temperature, negatives, reciprocal, initialization, sampling, optimizer, lr
        case sharedNegatives = "shared-negatives", lazyUpdates = "lazy-updates"
        case headNegatives = "head-negatives", lrDecay = "lr-decay", lrDecayPatience = "lr-decay-patience"
        case batchSize = "batch-size", epochs, evalEvery = "eval-every", patience, seed, normalize
    }

    init() {}

    static let commandName = "coatt kge train"

    /// Rejects values that cannot train, with the option to fix.
    func validate() throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw CommandFailure(message) } }
        try check(dim > 0, "--dim must be positive")
        try check(lr.isFinite && lr > 0, "--lr must be a positive number")
        try check(lrDecay.isFinite && lrDecay > 0 && lrDecay <= 1, "--lr-decay must be in (0, 1]")
        try check(margin.isFinite && temperature.isFinite, "--margin and --temperature must be numbers")
        try check(["l1", "l2"].contains(norm), "--norm must be l1 or l2")
        try check(["nssa", "margin", "ce"].contains(loss), "--loss must be nssa, margin or ce")
        try check(EmbeddingInitialization(rawValue: initialization) != nil, "--initialization must be transe or xavier")
        try check(["uniform", "bernoulli"].contains(sampling), "--sampling must be uniform or bernoulli")
        try check(["adam", "adagrad", "sgd"].contains(optimizer), "--optimizer must be adam, adagrad or sgd")
        try check(headNegatives == nil || reciprocal, "--head-negatives needs --reciprocal")
        for (count, option) in [(negatives, "--negatives"), (headNegatives ?? 1, "--head-negatives"), (batchSize, "--batch-size"),
                                (epochs, "--epochs"), (evalEvery, "--eval-every"), (patience, "--patience")] {
            try check(count > 0, "\(option) must be positive")
        }
        try check(lrDecayPatience >= 0, "--lr-decay-patience must not be negative")
    }

    /// The trainer's configuration.
    var configuration: TrainingConfiguration {
        var c = TrainingConfiguration()
        c.batchSize = batchSize
        c.negativesPerPositive = negatives
        c.headNegatives = headNegatives
        c.sharedNegatives = sharedNegatives
        c.lazyUpdates = lazyUpdates
        switch loss {
        case "nssa": c.loss = .selfAdversarial(margin: margin, temperature: temperature)
        case "margin": c.loss = .marginRanking(margin: margin)
        default: c.loss = .softmaxCrossEntropy
        }
        c.sampling = sampling == "uniform" ? .uniform : .bernoulli
        switch optimizer {
        case "adam": c.optimizer = .adam(learningRate: lr)
        case "adagrad": c.optimizer = .adagrad(learningRate: lr)
        default: c.optimizer = .sgd(learningRate: lr)
        }
        c.seed = seed
        c.normalizeEntities = normalize
        return c
    }

    /// A new model for `dataset` with these settings.
    func initialModel(for dataset: KGDataset) -> TransEModel {
        TransEModel(entityCount: dataset.entities.count, relationCount: dataset.relations.count, dimension: dim,
                    norm: norm == "l1" ? .l1 : .l2, seed: seed,
                    initialization: EmbeddingInitialization(rawValue: initialization) ?? .transE, reciprocal: reciprocal)
    }
}
