import Encoders
import Foundation
import NER
import SafeTensors
import Tensors

/// The state of a `coatt ner train` run after an epoch, in the output folder: `checkpoint.safetensors`
/// (every parameter as `model.<name>`, Adam's moments as `adam.m.<name>` and `adam.v.<name>`) and
/// `checkpoint.json` (epoch, optimiser step, the settings). `--resume` continues it exactly: batch
/// order and dropout are drawn from the seed, the epoch and the step.
struct NERCheckpoint {
    struct Progress: Codable {
        let epoch: Int
        let stepCount: Int
        let settings: String
    }

    static func write(epoch: Int, model: SequenceTagger, optimizer: Adam<SequenceTagger>, settings: String, to folder: URL) throws {
        let state = optimizer.state
        var tensors: [(name: String, shape: [Int], values: [Float])] = []
        for parameter in model.parameters {
            let tensor = model[keyPath: parameter.path]
            let moments = state.moments[parameter.name]!
            tensors.append(("model." + parameter.name, tensor.shape, tensor.values))
            tensors.append(("adam.m." + parameter.name, [moments.first.count], moments.first))
            tensors.append(("adam.v." + parameter.name, [moments.second.count], moments.second))
        }
        try SafeTensorsWriter.write(tensors: tensors, to: folder.appendingPathComponent("checkpoint.safetensors"))
        try JSONEncoder().encode(Progress(epoch: epoch, stepCount: state.stepCount, settings: settings))
            .write(to: folder.appendingPathComponent("checkpoint.json"), options: .atomic)
    }

    /// Restores `model` and `optimizer` from the folder's checkpoint and returns the last epoch it
    /// finished. Refuses a checkpoint written with other settings.
    static func restore(from folder: URL, model: inout SequenceTagger, optimizer: inout Adam<SequenceTagger>,
                        settings: String) throws -> Int {
        let progressURL = folder.appendingPathComponent("checkpoint.json")
        guard let data = FileManager.default.contents(atPath: progressURL.path),
              let progress = try? JSONDecoder().decode(Progress.self, from: data) else {
            throw CommandFailure("no checkpoint to resume in \(folder.path) (\(progressURL.lastPathComponent) missing or unreadable)")
        }
        guard progress.settings == settings else {
            throw CommandFailure("\(progressURL.path) was written with other settings:\n  \(progress.settings)\nthis run:\n  \(settings)")
        }
        let tensors = try NamedTensorsFile.read(folder.appendingPathComponent("checkpoint.safetensors"))
        do {
            try model.load(tensors, prefix: "model.") { $0.hasPrefix("adam.") }
        } catch let error as WeightLoadError {
            throw CommandFailure("the checkpoint in \(folder.path) does not fit this model:\n\(error.report)")
        }
        var moments: [String: (first: [Float], second: [Float])] = [:]
        for parameter in model.parameters {
            guard let m = tensors["adam.m." + parameter.name], let v = tensors["adam.v." + parameter.name] else { continue }
            moments[parameter.name] = (m.values, v.values)
        }
        do { try optimizer.restore(.init(stepCount: progress.stepCount, moments: moments)) } catch {
            throw CommandFailure("the checkpoint's optimiser state does not fit: \(error)")
        }
        return progress.epoch
    }
}
