import ArgumentParser
import Foundation

/// The hyper-parameters and ablation switches of `coatt ner train`, as read from a JSON config file
/// (`--config`) whose keys are the long option names (`{"epochs": 5, "fusion": "concat", "kg": false}`);
/// an option given on the command line overrides the file. Defaults are the paper's (batch 32, Adam,
/// dropout 0.1) with the encoder and the new layers at their own learning rates.
struct NERTrainingSettings: JSONSettingsFile, Equatable {
    typealias SettingKey = CodingKeys

    /// The two fusions of image and text (MODEL.md §3 and the "w/o cross-modal fusion" ablation, §6).
    static let fusions = ["coattention", "concat"]

    var encoderLr = 5e-5
    var headLr = 1e-3
    var epochs = 10
    var batchSize = 32
    var dropout: Float = 0.1
    var seed: UInt64 = 1
    /// The fraction of all steps over which the learning rate warms up linearly.
    var warmup = 0.1
    /// The largest global gradient norm; larger gradients are scaled down to it.
    var clipNorm: Float = 1
    var kg = true
    var image = true
    var fusion = "coattention"
    /// τ of the cross-attention's softmax (MODEL.md §3).
    var temperature: Float = 1
    /// The per-word casing/shape features.
    var casing = true
    /// The text transformer; without it the "w/o text features" ablation runs on token embeddings only.
    var textEncoder = true
    var fusionHeads = 4

    enum CodingKeys: String, CodingKey, CaseIterable {
        case encoderLr = "encoder-lr", headLr = "head-lr", epochs, batchSize = "batch-size", dropout, seed, warmup
        case clipNorm = "clip-norm", kg, image, fusion, temperature, casing, textEncoder = "text-encoder"
        case fusionHeads = "fusion-heads"
    }

    init() {}

    static let commandName = "coatt ner train"

    /// Rejects values that cannot train, naming the option to fix.
    func validate() throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw CommandFailure(message) } }
        try check(encoderLr.isFinite && encoderLr > 0 && headLr.isFinite && headLr > 0,
                  "--encoder-lr and --head-lr must be positive numbers")
        try check(epochs > 0 && batchSize > 0 && fusionHeads > 0, "--epochs, --batch-size and --fusion-heads must be positive")
        try check(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1)")
        try check(warmup >= 0 && warmup <= 1, "--warmup must be in [0, 1] (a fraction of all steps)")
        try check(clipNorm.isFinite && clipNorm > 0, "--clip-norm must be a positive number")
        try check(temperature.isFinite && temperature > 0, "--temperature must be a positive number")
        try check(Self.fusions.contains(fusion), "--fusion must be \(Self.fusions.joined(separator: " or "))")
    }
}

/// The options of `coatt ner train` that set ``NERTrainingSettings``: `--config FILE` and one
/// option per setting, which overrides the file. Nil means "not given".
struct NERTrainingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("JSON file of settings (keys: the long option names below).", valueName: "FILE"))
    var config: String?
    @Option(help: "Learning rate of the encoder's parameters (5e-5).") var encoderLr: Double?
    @Option(help: "Learning rate of the new layers: fusion, KG projection, linear head and CRF (1e-3).") var headLr: Double?
    @Option(help: "Passes over the train split (10).") var epochs: Int?
    @Option(help: "Posts per batch (32).") var batchSize: Int?
    @Option(help: "Dropout of the image fusion; the encoder keeps the dropout of its config.json (0.1 for MiniLM, as the paper) (0.1).") var dropout: Float?
    @Option(help: "Seed of initialisation, batch order and dropout (1).") var seed: UInt64?
    @Option(help: "Fraction of the steps with a linear learning-rate warm-up, then linear decay (0.1).") var warmup: Double?
    @Option(help: "Clip the global gradient norm to this (1).") var clipNorm: Float?
    @Flag(inversion: .prefixedNo, help: "KG knowledge: TransE vectors of gazetteer matches added to the sub-words (on).")
    var kg: Bool?
    @Flag(inversion: .prefixedNo, help: "The visual branch; posts without a readable image run on text only (on).")
    var image: Bool?
    @Option(help: "Image–text fusion: coattention (cross-attention both ways, gated) or concat (global image feature only) (coattention).")
    var fusion: String?
    @Option(help: "Temperature τ of the cross-attention softmax (1).") var temperature: Float?
    @Flag(inversion: .prefixedNo, help: "Casing/shape features per word (on).") var casing: Bool?
    @Flag(inversion: .prefixedNo, help: "The text transformer; --no-text-encoder keeps its token embeddings only (on).")
    var textEncoder: Bool?
    @Option(help: "Attention heads of the fusion (4).") var fusionHeads: Int?

    /// The config file's settings overridden by the options given, validated.
    func settings() throws -> NERTrainingSettings {
        var s = try config.map(NERTrainingSettings.init(file:)) ?? NERTrainingSettings()
        if let encoderLr { s.encoderLr = encoderLr }
        if let headLr { s.headLr = headLr }
        if let epochs { s.epochs = epochs }
        if let batchSize { s.batchSize = batchSize }
        if let dropout { s.dropout = dropout }
        if let seed { s.seed = seed }
        if let warmup { s.warmup = warmup }
        if let clipNorm { s.clipNorm = clipNorm }
        if let kg { s.kg = kg }
        if let image { s.image = image }
        if let fusion { s.fusion = fusion }
        if let temperature { s.temperature = temperature }
        if let casing { s.casing = casing }
        if let textEncoder { s.textEncoder = textEncoder }
        if let fusionHeads { s.fusionHeads = fusionHeads }
        try s.validate()
        return s
    }
}
