import Foundation
import SafeTensors

/// Everything needed to continue a training run exactly where it stopped: the tables, the
/// optimiser's moments, the epoch and step counters, the learning-rate scale and the validation
/// tracker. Shuffles and negatives depend only on (seed, epoch), so a resumed run repeats the
/// uninterrupted one bit for bit.
public struct TrainingCheckpoint: Sendable {
    /// The model after ``epoch`` epochs.
    public var model: TransEModel
    /// Epochs completed.
    public var epoch: Int
    /// Optimiser steps completed (Adam's bias correction needs it).
    public var step: Int
    /// The learning-rate multiplier reached by plateau decays.
    public var learningRateScale: Float
    /// Early-stopping state.
    public var tracker: ValidationTracker
    /// The optimiser it was written with (`adam`, `adagrad`, `sgd`): its moments only fit the same one.
    public var optimizer: String
    /// Optimiser moments: entity m, v and relation m, v (empty for SGD).
    var moments: [[Float]]
    /// Entity names in id order, to check that a resume uses the same data.
    public var entityNames: [String]

    /// Writes the checkpoint as safetensors (model tables, moments, counters in the metadata).
    public func save(to url: URL) throws {
        var metadata = ["model": "TransE-checkpoint", "norm": model.norm.rawValue, "reciprocal": String(model.reciprocal),
                        "epoch": String(epoch), "step": String(step), "learning_rate_scale": String(learningRateScale),
                        "optimizer": optimizer, "best_mrr": String(tracker.bestMRR), "best_epoch": String(tracker.bestEpoch),
                        "stale": String(tracker.stale), "since_decay": String(tracker.sinceDecay)]
        metadata["entities"] = String(decoding: try JSONEncoder().encode(entityNames), as: UTF8.self)
        let d = model.dimension
        var tensors: [(name: String, shape: [Int], values: [Float])] = [
            ("entity_embeddings", [model.entityCount, d], model.entityEmbeddings),
            ("relation_embeddings", [model.relationRows, d], model.relationEmbeddings),
        ]
        for (name, values) in zip(Self.momentNames, moments) {
            tensors.append((name, [values.count / d, d], values))
        }
        // Written beside the target and renamed, so a crash never leaves half a checkpoint.
        let partial = url.appendingPathExtension("partial")
        try SafeTensorsWriter.write(tensors: tensors, metadata: metadata, to: partial)
        guard rename(partial.path, url.path) == 0 else {
            throw TransEModelFileError.invalid(path: url.path, detail: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads a checkpoint written by ``save(to:)``.
    public static func load(from url: URL) throws -> TrainingCheckpoint {
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(url: url) } catch { throw TransEModelFileError.safeTensors(error) }
        func invalid(_ detail: String) -> TransEModelFileError { .invalid(path: url.path, detail: detail) }
        let md = file.metadata
        guard md["model"] == "TransE-checkpoint" else { throw invalid("not a TransE training checkpoint") }
        guard let epoch = md["epoch"].flatMap(Int.init), let step = md["step"].flatMap(Int.init),
              let scale = md["learning_rate_scale"].flatMap(Float.init), let optimizer = md["optimizer"],
              let best = md["best_mrr"].flatMap(Double.init), let bestEpoch = md["best_epoch"].flatMap(Int.init),
              let stale = md["stale"].flatMap(Int.init), let sinceDecay = md["since_decay"].flatMap(Int.init),
              let names = md["entities"], let norm = md["norm"].flatMap(DistanceNorm.init(rawValue:)) else {
            throw invalid("checkpoint metadata incomplete")
        }
        do {
            let eInfo = try file.info("entity_embeddings"), rInfo = try file.info("relation_embeddings")
            let reciprocal = md["reciprocal"] == "true"
            let model = TransEModel(entityCount: eInfo.shape[0], relationCount: rInfo.shape[0] / (reciprocal ? 2 : 1),
                                    dimension: eInfo.shape[1], norm: norm, entityEmbeddings: try file.floats("entity_embeddings"),
                                    relationEmbeddings: try file.floats("relation_embeddings"), reciprocal: reciprocal)
            let moments = optimizer == "sgd" ? [] : try momentNames.map { try file.floats($0) }
            var tracker = ValidationTracker(patience: 0)
            tracker.bestMRR = best
            tracker.bestEpoch = bestEpoch
            tracker.stale = stale
            tracker.sinceDecay = sinceDecay
            return TrainingCheckpoint(model: model, epoch: epoch, step: step, learningRateScale: scale, tracker: tracker,
                                      optimizer: optimizer, moments: moments,
                                      entityNames: try JSONDecoder().decode([String].self, from: Data(names.utf8)))
        } catch let error as SafeTensorsError {
            throw TransEModelFileError.safeTensors(error)
        }
    }

    static let momentNames = ["entity_m", "entity_v", "relation_m", "relation_v"]
}

extension OptimizerKind {
    /// The optimiser's name in checkpoints and on the command line.
    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .adam: return "adam"
        case .adagrad: return "adagrad"
        }
    }
}
