import Encoders
import Foundation
import Images
import NER
import SafeTensors
import Tensors
import Tokenizers

/// A trained tagger's folder: `tagger.safetensors` (every ``SequenceTagger`` parameter by name),
/// `architecture.json` (its ``TaggerArchitecture``), the encoder's `config.json` and tokenizer
/// files, `labels.json` (the tag set, index = label id), the KG reference (`knowledge.json` +
/// `gazetteer.tsv`, see ``KnowledgeSource``) when it uses KG vectors, and `vision.json` (the CLIP
/// folder it was trained with, frozen and not copied) when it has an image path.
enum TaggerFolder {
    /// The tokenizer files copied from the encoder folder when present (`vocab.txt` is required).
    static let tokenizerFiles = ["vocab.txt", "tokenizer_config.json", "tokenizer.json", "special_tokens_map.json"]

    /// A tagger ready to run, with what its inputs need.
    struct Loaded {
        let tagger: SequenceTagger
        let tokenizer: WordPieceTokenizer
        let knowledge: KnowledgeSource?
        let vision: PretrainedVisionEncoder?

        /// The features of posts whose images (if any) are `images` (IMGID → image).
        func features(images: [(imageID: String, image: PostImage)] = []) -> TaggerFeatures {
            let tokens = vision.map { VisualTokens.compute(images, encoder: $0.encoder) } ?? [:]
            return TaggerFeatures(knowledge: knowledge?.features, casing: tagger.architecture.shapeFeatureCount != nil,
                                  imageTokens: tokens)
        }
    }

    /// Where the vision encoder of a tagger with an image path lives.
    private struct VisionReference: Codable { let folder: String }

    /// Writes the tagger's parameters, architecture, labels, the encoder folder's config and
    /// tokenizer files, and the KG and vision references.
    static func save(_ tagger: SequenceTagger, labels: [String], encoderFolder: URL, knowledge: KnowledgeSource?,
                     visionFolder: URL?, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tensors = tagger.parameters.map { parameter in
            let tensor = tagger[keyPath: parameter.path]
            return (name: parameter.name, shape: tensor.shape, values: tensor.values)
        }
        try SafeTensorsWriter.write(tensors: tensors, to: folder.appendingPathComponent("tagger.safetensors"))
        try JSONSerialization.data(withJSONObject: labels).write(to: folder.appendingPathComponent("labels.json"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(tagger.architecture).write(to: folder.appendingPathComponent("architecture.json"))
        if let visionFolder {
            try encoder.encode(VisionReference(folder: visionFolder.standardizedFileURL.path))
                .write(to: folder.appendingPathComponent("vision.json"))
        }
        try knowledge?.save(to: folder)
        for name in ["config.json"] + tokenizerFiles {
            let source = encoderFolder.appendingPathComponent(name), target = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source, to: target)
        }
    }

    /// Loads a saved tagger with its KG vectors and vision encoder. Throws when the label set
    /// differs from `expectedLabels`, a referenced file is missing or changed, or any parameter is
    /// missing, unexpected or mis-shaped (the error names each tensor).
    /// - bioConstraints: decode (and score spans) with the BIO rules, `I-X` only after `B-X` or `I-X`
    ///   (chosen on validation: +1.9 F1 on Twitter-2015 valid, MODEL.md §4 allows it).
    static func open(_ folder: URL, expectedLabels: [String], bioConstraints: Bool = true) throws -> Loaded {
        let labelsURL = folder.appendingPathComponent("labels.json")
        guard FileManager.default.fileExists(atPath: labelsURL.path) else {
            throw CommandFailure("\(folder.path): not a tagger folder (no labels.json; `coatt ner train` writes one)")
        }
        guard let labels = (try? Data(contentsOf: labelsURL)).flatMap({ try? JSONSerialization.jsonObject(with: $0) }) as? [String] else {
            throw CommandFailure("\(labelsURL.path): expected a JSON array of tag names")
        }
        guard labels == expectedLabels else {
            throw CommandFailure("\(labelsURL.path): the model's labels \(labels) differ from the expected \(expectedLabels)")
        }
        let architectureURL = folder.appendingPathComponent("architecture.json")
        let architecture = FileManager.default.fileExists(atPath: architectureURL.path)
            ? try Self.decode(TaggerArchitecture.self, from: architectureURL)
            : .textOnly(tagCount: labels.count)
        let knowledge = architecture.knowledgeDimension == nil ? nil : try KnowledgeSource.load(from: folder)
        var vision: PretrainedVisionEncoder?
        if architecture.fusion != .none {
            let reference = try Self.decode(VisionReference.self, from: folder.appendingPathComponent("vision.json"))
            do { vision = try PretrainedVisionEncoder(folder: URL(fileURLWithPath: reference.folder)) } catch {
                throw CommandFailure("the tagger's vision encoder \(reference.folder) cannot be loaded: \(error)")
            }
        }
        let config = try TextEncoder.Configuration(contentsOf: folder.appendingPathComponent("config.json"))
        // Every weight comes from the checkpoint (loading is all or nothing), so the encoder starts as zeros.
        var tagger = SequenceTagger(encoder: .placeholder(config: config), architecture: architecture, seed: 0)
        let weights = try NamedTensorsFile.read(folder.appendingPathComponent("tagger.safetensors"))
        do {
            try tagger.load(weights)
        } catch let error as WeightLoadError {
            throw CommandFailure("\(folder.appendingPathComponent("tagger.safetensors").path) does not fit the tagger:\n\(error.report)")
        }
        if bioConstraints { tagger.crf.constraints = .bio(tags: labels) }
        return Loaded(tagger: tagger, tokenizer: try WordPieceTokenizer(modelFolder: folder), knowledge: knowledge, vision: vision)
    }

    /// The tagger and tokenizer of a folder (``open(_:expectedLabels:)``).
    static func load(_ folder: URL, expectedLabels: [String]) throws -> (tagger: SequenceTagger, tokenizer: WordPieceTokenizer) {
        let loaded = try open(folder, expectedLabels: expectedLabels)
        return (loaded.tagger, loaded.tokenizer)
    }

    /// One of the folder's JSON files, an error naming the file and what in it is wrong.
    private static func decode<T: Decodable>(_ type: T.Type, from file: URL) throws -> T {
        let data: Data
        do { data = try Data(contentsOf: file) } catch { throw CommandFailure("cannot read \(file.path)") }
        do { return try JSONDecoder().decode(type, from: data) } catch let error as DecodingError {
            throw CommandFailure("\(file.path): \(error.summary)")
        }
    }
}

extension TaggerFolder.Loaded {
    /// The key of a single post's image among the features' visual tokens.
    static let singleImageID = "image"

    /// The image at `path` preprocessed for this tagger's vision encoder (CLIP's preprocessing at
    /// its size; the default CLIP size for a text-only model, so a bad file is still reported).
    func image(at path: String) -> PostImage {
        PostImage.read(URL(fileURLWithPath: path), with: vision?.preprocessor ?? CLIPPreprocessor())
    }

    /// The image of a single post, preprocessed as the visual path needs, or nothing (with a note
    /// or warning on stderr) when the model has no image path or the file cannot be used: the
    /// text is tagged either way, as posts with an unreadable image are.
    func postImage(_ path: String) -> [(imageID: String, image: PostImage)] {
        switch image(at: path) {
        case .image(let pixels):
            guard vision != nil else {
                Terminal.error("note: --image \(path) is not used: this model reads text only")
                return []
            }
            return [(Self.singleImageID, .image(pixels))]
        case .missing:
            Terminal.error("warning: --image \(path): no such file; tagging the text only")
        case .unreadable(let reason):
            Terminal.error("warning: --image \(path) cannot be used (\(reason)); tagging the text only")
        }
        return []
    }
}
