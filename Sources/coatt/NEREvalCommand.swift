import ArgumentParser
import Foundation
import NER

/// `coatt ner eval`: conlleval scores of a saved tagger on one split.
struct NEREvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Entity-level precision, recall and F1 (conlleval) of a trained tagger.")

    @OptionGroup var data: DataOption
    @Option(help: ArgumentHelp("The folder `coatt ner train` wrote.", valueName: "DIR")) var model: String
    @Option(help: "twitter2015 or twitter2017.") var dataset: NERDatasetName
    @Option(help: "test or valid.") var split = "test"
    @Option(help: ArgumentHelp("Write 'word gold predicted' lines (conlleval's input) here.", valueName: "FILE"))
    var predictions: String?
    @Option(help: ArgumentHelp("Folder of the posts' images, <IMGID>.jpg, for a model with an image path.", valueName: "DIR"))
    var images: String?
    @Flag(inversion: .prefixedNo, help: "Decode with the BIO rules (I-X only after B-X or I-X), as ner tag does (on).")
    var bioConstraints = true
    @Option(help: "Posts decoded at a time.") var batchSize = 64
    @Option(help: "OpenBLAS threads.") var threads = 2

    func validate() throws {
        guard ["test", "valid"].contains(split) else { throw ValidationError("--split must be test or valid") }
    }

    func run() throws {
        try EncoderRuntime.prepare(threads: threads)
        let loaded = try TaggerFolder.open(URL(fileURLWithPath: model), expectedLabels: MNERDataset.tags,
                                          bioConstraints: bioConstraints)
        let posts = try dataset.read(split, from: data)
        var postImages: [(imageID: String, image: PostImage)] = []
        if let images, let vision = loaded.vision {
            postImages = vision.postImages(in: images, for: posts).images
        } else if images != nil {
            Terminal.error("note: the model has no image path; --images is not used")
        } else if loaded.vision != nil {
            Terminal.error("note: the model has an image path but no --images was given: every post is tagged from its text alone")
        }
        let predicted = loaded.tagger.predictWordTags(posts, tokenizer: loaded.tokenizer, labels: MNERDataset.tags,
                                                      batchSize: batchSize, features: loaded.features(images: postImages))
        let report = Conlleval.evaluate(gold: posts.map(\.tags), predicted: predicted)
        Terminal.write("\(dataset.rawValue) \(split): \(posts.count) posts, model \(model)\n" + report.table
                       + "\ntypes of the gold entities (rows) as predicted (columns), same boundaries:\n"
                       + TypeConfusion(gold: posts.map(\.tags), predicted: predicted).table)
        Terminal.flush()
        if let predictions {
            var text = ""
            for (post, tags) in zip(posts, predicted) {
                for (word, (gold, guess)) in zip(post.words, zip(post.tags, tags)) { text += "\(word) \(gold) \(guess)\n" }
                text += "\n"
            }
            try text.write(toFile: predictions, atomically: true, encoding: .utf8)
        }
    }
}
