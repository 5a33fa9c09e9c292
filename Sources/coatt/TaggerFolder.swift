import Encoders
import Foundation
import NER
import SafeTensors
import Tensors
import Tokenizers

/// A trained tagger's folder: `tagger.safetensors` (every ``SequenceTagger`` parameter by name),
/// the encoder's `config.json` and tokenizer files, and `labels.json` (the tag set, index = label id).
enum TaggerFolder {
    /// The tokenizer files copied from the encoder folder when present (`vocab.txt` is required).
    static let tokenizerFiles = ["vocab.txt", "tokenizer_config.json", "tokenizer.json", "special_tokens_map.json"]

    /// Writes the tagger's parameters, labels and the encoder folder's config and tokenizer files.
    static func save(_ tagger: SequenceTagger, labels: [String], encoderFolder: URL, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tensors = tagger.parameters.map { parameter in
            let tensor = tagger[keyPath: parameter.path]
            return (name: parameter.name, shape: tensor.shape, values: tensor.values)
        }
        try SafeTensorsWriter.write(tensors: tensors, to: folder.appendingPathComponent("tagger.safetensors"))
        try JSONSerialization.data(withJSONObject: labels).write(to: folder.appendingPathComponent("labels.json"))
        for name in ["config.json"] + tokenizerFiles {
            let source = encoderFolder.appendingPathComponent(name), target = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source, to: target)
        }
    }

    /// Loads a saved tagger. Throws when the label set differs from `expectedLabels` or any
    /// parameter is missing, unexpected or mis-shaped (the error names each tensor).
    static func load(_ folder: URL, expectedLabels: [String]) throws -> (tagger: SequenceTagger, tokenizer: WordPieceTokenizer) {
        let labelsURL = folder.appendingPathComponent("labels.json")
        guard let labels = try JSONSerialization.jsonObject(with: Data(contentsOf: labelsURL)) as? [String] else {
            throw CommandFailure("\(labelsURL.path): expected a JSON array of tag names")
        }
        guard labels == expectedLabels else {
            throw CommandFailure("\(labelsURL.path): the model's labels \(labels) differ from the dataset's \(expectedLabels)")
        }
        let config = try TextEncoder.Configuration(contentsOf: folder.appendingPathComponent("config.json"))
        var tagger = SequenceTagger(encoder: TextEncoder(config: config, seed: 0), tagCount: labels.count, seed: 0)
        let weights = try NamedTensorsFile.read(folder.appendingPathComponent("tagger.safetensors"))
        do {
            try tagger.load(weights)
        } catch let error as WeightLoadError {
            throw CommandFailure("\(folder.appendingPathComponent("tagger.safetensors").path) does not fit the tagger:\n\(error.report)")
        }
        return (tagger, try WordPieceTokenizer(modelFolder: folder))
    }
}
