import Foundation
import SafeTensors
import Tensors
import Tokenizers

/// A BERT-family or ALBERT encoder in Hugging Face layout (config.json, model.safetensors and
/// vocab.txt in one folder) with its tokenizer, ready to encode text.
public struct PretrainedTextEncoder: Sendable {
    public let folder: URL
    public let tokenizer: WordPieceTokenizer
    public let encoder: TextEncoder

    /// Loads the folder. Checkpoint tensors outside the encoder (MiniLM's integer
    /// `embeddings.position_ids`, pre-training heads) are ignored; a missing or mis-shaped
    /// encoder tensor is an error that names it.
    public init(folder: URL) throws {
        self.folder = folder
        let config = try TextEncoder.Configuration(contentsOf: folder.appendingPathComponent("config.json"))
        let weights = try NamedTensorsFile.read(folder.appendingPathComponent("model.safetensors"))
        // Hub checkpoints of the full pre-training model prefix the encoder's names.
        let prefix = weights.keys.contains { $0.hasPrefix("bert.") } ? "bert."
            : weights.keys.contains { $0.hasPrefix("albert.") } ? "albert." : ""
        encoder = try TextEncoder(config: config, weights: weights, prefix: prefix) { name in
            !name.hasPrefix(prefix) || name.hasSuffix("position_ids")
        }
        tokenizer = try WordPieceTokenizer(modelFolder: folder)
    }

    /// Tokenises `text` ([CLS] … [SEP], truncated to the encoder's positions) and runs the
    /// encoder without dropout.
    public func encode(text: String) -> (encoding: Encoding, output: TextEncoder.Output) {
        let encoding = tokenizer.encode(text: text, maxLength: encoder.config.maxPositionEmbeddings)
        let batch = TokenBatch(inputIds: [encoding.ids], attentionMask: [encoding.attentionMask],
                               tokenTypeIds: [encoding.tokenTypeIds])
        return (encoding, encoder.infer(batch))
    }
}

/// Reads every tensor of a safetensors file as float32 by name (integer tensors converted).
public enum NamedTensorsFile {
    public static func read(_ url: URL) throws -> NamedTensors {
        let file = try SafeTensorsFile(url: url)
        var result: NamedTensors = [:]
        for name in file.names {
            let info = try file.info(name)
            let values = [.f32, .f16, .bf16].contains(info.dtype) ? try file.floats(name) : try file.int64s(name).map(Float.init)
            result[name] = (info.shape, values)
        }
        return result
    }
}
