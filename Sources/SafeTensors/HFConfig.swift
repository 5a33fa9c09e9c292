import Foundation

/// A Hugging Face `config.json`, sorted into the families this project runs.
///
/// `model_type` decides: `bert` and `albert` give ``TextEncoderConfig``; `clip_vision_model`
/// (a bare `CLIPVisionModel`) and `clip` (a full `CLIPModel`, whose vision part sits under
/// `vision_config`) give ``CLIPVisionConfig``. Files without `model_type` (very old exports)
/// are recognised by their keys: `vision_config` means CLIP, `num_hidden_groups` ALBERT,
/// anything else BERT.
public enum HFConfig: Decodable, Equatable, Sendable {
    /// A BERT-family text encoder (BERT, MiniLM, ALBERT).
    case textEncoder(TextEncoderConfig)
    /// A CLIP vision tower.
    case clipVision(CLIPVisionConfig)

    /// Reads and decodes `config.json` (or any file of that format).
    public init(contentsOf url: URL) throws {
        self = try JSONDecoder().decode(HFConfig.self, from: Data(contentsOf: url))
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let modelType = try container.decodeIfPresent(String.self, forKey: .modelType)
        switch modelType {
        case "bert", "albert":
            self = .textEncoder(try TextEncoderConfig(from: decoder))
        case "clip_vision_model":
            self = .clipVision(try CLIPVisionConfig(from: decoder))
        case "clip":
            self = .clipVision(try container.decode(CLIPVisionConfig.self, forKey: .visionConfig))
        case nil where container.contains(.visionConfig):
            self = .clipVision(try container.decode(CLIPVisionConfig.self, forKey: .visionConfig))
        case nil:
            self = .textEncoder(try TextEncoderConfig(from: decoder))
        case let other?:
            throw DecodingError.dataCorruptedError(
                forKey: .modelType, in: container,
                debugDescription: "model_type \"\(other)\" is not supported (bert, albert, clip, clip_vision_model are)")
        }
    }

    /// The text encoder configuration, or nil for a vision config.
    public var textEncoder: TextEncoderConfig? {
        if case .textEncoder(let config) = self { return config }
        return nil
    }

    /// The CLIP vision configuration, or nil for a text config.
    public var clipVision: CLIPVisionConfig? {
        if case .clipVision(let config) = self { return config }
        return nil
    }

    private enum Key: String, CodingKey {
        case modelType = "model_type"
        case visionConfig = "vision_config"
    }
}
