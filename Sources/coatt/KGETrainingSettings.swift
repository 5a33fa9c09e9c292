import Foundation
import KGEmbeddings

/// The hyper-parameters of `coatt kge train`, as read from a JSON config file (`--config`) whose
/// keys are the long option names (`{"dim": 512, "norm": "l2", "head-negatives": 2, …}`); an
/// option given on the command line overrides the file. The effective settings are written into
/// the model's description, so a run can be repeated from it.
struct KGETrainingSettings: Codable, Equatable {
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

    /// Reads a config file; every key is optional, an unknown key is an error (a typo must not
    /// silently train something else).
    init(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read config file \(path)") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CommandFailure("\(path): not a JSON object")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw CommandFailure("\(path): unknown setting '\(unknown)' (settings are the long option names of coatt kge train)")
        }
        do { self = try JSONDecoder().decode(Self.self, from: data) } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self()
        dim = try c.decodeIfPresent(Int.self, forKey: .dim) ?? d.dim
        norm = try c.decodeIfPresent(String.self, forKey: .norm) ?? d.norm
        loss = try c.decodeIfPresent(String.self, forKey: .loss) ?? d.loss
        margin = try c.decodeIfPresent(Float.self, forKey: .margin) ?? d.margin
        temperature = try c.decodeIfPresent(Float.self, forKey: .temperature) ?? d.temperature
        negatives = try c.decodeIfPresent(Int.self, forKey: .negatives) ?? d.negatives
        headNegatives = try c.decodeIfPresent(Int.self, forKey: .headNegatives)
        reciprocal = try c.decodeIfPresent(Bool.self, forKey: .reciprocal) ?? d.reciprocal
        sharedNegatives = try c.decodeIfPresent(Bool.self, forKey: .sharedNegatives) ?? d.sharedNegatives
        lazyUpdates = try c.decodeIfPresent(Bool.self, forKey: .lazyUpdates) ?? d.lazyUpdates
        initialization = try c.decodeIfPresent(String.self, forKey: .initialization) ?? d.initialization
        sampling = try c.decodeIfPresent(String.self, forKey: .sampling) ?? d.sampling
        optimizer = try c.decodeIfPresent(String.self, forKey: .optimizer) ?? d.optimizer
        lr = try c.decodeIfPresent(Float.self, forKey: .lr) ?? d.lr
        lrDecay = try c.decodeIfPresent(Float.self, forKey: .lrDecay) ?? d.lrDecay
        lrDecayPatience = try c.decodeIfPresent(Int.self, forKey: .lrDecayPatience) ?? d.lrDecayPatience
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? d.batchSize
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? d.epochs
        evalEvery = try c.decodeIfPresent(Int.self, forKey: .evalEvery) ?? d.evalEvery
        patience = try c.decodeIfPresent(Int.self, forKey: .patience) ?? d.patience
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        normalize = try c.decodeIfPresent(Bool.self, forKey: .normalize) ?? d.normalize
    }

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
        try check(negatives > 0 && (headNegatives ?? 1) > 0 && batchSize > 0 && epochs > 0 && evalEvery > 0
                  && patience > 0 && lrDecayPatience >= 0, "counts must be positive")
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

    /// The settings as one line of JSON (sorted keys), for the model's description.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
