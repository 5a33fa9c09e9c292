import ArgumentParser
import BLAS
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
    @Option(help: "Posts decoded at a time.") var batchSize = 64
    @Option(help: "OpenBLAS threads.") var threads = 2

    func validate() throws {
        guard ["test", "valid"].contains(split) else { throw ValidationError("--split must be test or valid") }
    }

    func run() throws {
        BLAS.threads = threads
        let (tagger, tokenizer) = try TaggerFolder.load(URL(fileURLWithPath: model), expectedLabels: MNERDataset.tags)
        let posts = try dataset.read(split, from: data)
        let predicted = tagger.predictWordTags(posts, tokenizer: tokenizer, labels: MNERDataset.tags, batchSize: batchSize)
        let report = Conlleval.evaluate(gold: posts.map(\.tags), predicted: predicted)
        Terminal.write("\(dataset.rawValue) \(split): \(posts.count) posts, model \(model)\n" + report.table)
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
