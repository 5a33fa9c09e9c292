import Encoders
import Foundation
import NER
import Tensors

/// What `coatt ner train` feeds the tagger besides the words: the KG (vectors and gazetteer of a
/// registered TransE model) and the visual tokens of the posts' images. Each is on when its setting
/// is and its source is given; a switched-on path without a source is an error for the KG and a
/// note for images (the benchmark's images are often unavailable: posts then run on text).
struct TrainingInputs {
    let knowledge: KnowledgeSource?
    let vision: PretrainedVisionEncoder?
    let features: TaggerFeatures
    /// Counts of gazetteer-matched words and of readable images, for the run's description.
    let knowledgeCoverage: (matched: Int, total: Int)?
    let imageSummary: PostImageSummary?

    init(settings: NERTrainingSettings, store: StoreOption, kgModel: String?, images: String?, vision: String?,
         posts: [MNERPost]) throws {
        if settings.kg {
            let source = try KnowledgeSource.build(store: try store.openExisting(), model: kgModel)
            let coverage = source.features.coverage(words: posts.map(\.words))
            Terminal.error("KG: \(source.manifest.model), \(source.manifest.labelCount) labels; \(coverage.matched) of \(coverage.total) words of train+valid match an entity")
            (knowledge, knowledgeCoverage) = (source, coverage)
        } else {
            (knowledge, knowledgeCoverage) = (nil, nil)
        }
        var tokens: [String: Tensor] = [:]
        switch (settings.image, images, vision) {
        case (true, let images?, let vision?):
            let encoder: PretrainedVisionEncoder
            do { encoder = try PretrainedVisionEncoder(folder: URL(fileURLWithPath: vision)) } catch {
                throw CommandFailure("cannot load the vision encoder \(vision): \(error)")
            }
            let (found, summary) = encoder.postImages(in: images, for: posts)
            tokens = VisualTokens.compute(found, encoder: encoder.encoder)
            (self.vision, imageSummary) = (encoder, summary)
        case (true, _, _):
            if images != nil || vision != nil { throw CommandFailure("the image path needs both --images and --vision") }
            Terminal.error("note: no --images and --vision given: the model is trained without the image path (--no-image)")
            (self.vision, imageSummary) = (nil, nil)
        case (false, _, _):
            (self.vision, imageSummary) = (nil, nil)
        }
        features = TaggerFeatures(knowledge: knowledge?.features, casing: settings.casing, imageTokens: tokens)
    }

    /// Writes `training-data.json`: the dataset, the train file's SHA-256, the settings, the
    /// architecture and what the KG and image paths found.
    func describe(dataset: String, trainFile: URL, settings: NERTrainingSettings, architecture: TaggerArchitecture,
                  in folder: URL) throws {
        var record: [String: Any] = [
            "dataset": dataset, "train_file": trainFile.path, "train_file_sha256": try SHA256.hexDigest(ofFile: trainFile),
            "settings": try JSONSerialization.jsonObject(with: Data(settings.json.utf8)),
            "architecture": try JSONSerialization.jsonObject(with: JSONEncoder().encode(architecture)),
        ]
        if let knowledgeCoverage, let knowledge {
            record["kg"] = ["model": knowledge.manifest.model, "labels": knowledge.manifest.labelCount,
                            "matched_words": knowledgeCoverage.matched, "words": knowledgeCoverage.total]
        }
        if let imageSummary, let vision {
            record["images"] = ["vision_encoder": vision.folder.path, "loaded": imageSummary.loaded,
                                "missing": imageSummary.missing, "unreadable": imageSummary.unreadable]
        }
        try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys])
            .write(to: folder.appendingPathComponent("training-data.json"))
    }
}
