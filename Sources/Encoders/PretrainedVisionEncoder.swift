import Foundation
import Images
import SafeTensors
import Tensors

/// A CLIP vision encoder in Hugging Face layout (config.json of a `clip_vision_model` or a whole
/// `clip` model, and model.safetensors) with its image preprocessing.
public struct PretrainedVisionEncoder: Sendable {
    public let folder: URL
    public let preprocessor: CLIPPreprocessor
    public let encoder: VisionEncoder

    /// Loads the folder; the text tower and projections of a whole CLIP checkpoint are ignored.
    public init(folder: URL) throws {
        self.folder = folder
        guard let clip = try HFConfig(contentsOf: folder.appendingPathComponent("config.json")).clipVision else {
            throw EncoderFolderError("\(folder.path)/config.json describes no CLIP vision model")
        }
        let config = try VisionEncoder.Configuration(clip)
        let weights = try NamedTensorsFile.read(folder.appendingPathComponent("model.safetensors"))
        let prefix = VisionEncoder.checkpointPrefix(weights)
        encoder = try VisionEncoder(config: config, weights: weights, prefix: prefix) { !$0.hasPrefix(prefix) || $0.hasSuffix("position_ids") }
        preprocessor = CLIPPreprocessor(imageSize: clip.imageSize)
    }

    /// Decodes and preprocesses a JPEG file and runs the encoder on it.
    public func encode(imageAt url: URL) throws -> (pixels: PixelValues, output: VisionEncoder.Output) {
        let pixels = try preprocessor(contentsOf: url)
        let images = Tensor(shape: [1] + pixels.shape, values: pixels.values)
        return (pixels, encoder.forward(images).output)
    }
}

extension VisionEncoder.Configuration {
    /// The hyper-parameters of a parsed `config.json`.
    public init(_ clip: CLIPVisionConfig) throws {
        guard let activation = Activation(configName: clip.hiddenAct) else {
            throw EncoderFolderError("unsupported hidden_act '\(clip.hiddenAct)'")
        }
        self.init(imageSize: clip.imageSize, patchSize: clip.patchSize, channels: clip.numChannels,
                  hiddenSize: clip.hiddenSize, layerCount: clip.numHiddenLayers, headCount: clip.numAttentionHeads,
                  intermediateSize: clip.intermediateSize, activation: activation,
                  layerNormEpsilon: Float(clip.layerNormEps))
    }
}

/// A model folder that cannot be used, with the reason.
public struct EncoderFolderError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
