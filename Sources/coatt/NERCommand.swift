import ArgumentParser
import Foundation
import NER

/// `coatt ner`: the text-only tagger (encoder + linear + CRF) on the Twitter MNER benchmarks.
struct NERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner", abstract: "Train, evaluate and run CoAtt-NER (text encoder, KG vectors, image encoder, co-attention, CRF).",
        subcommands: [NERTrainCommand.self, NEREvalCommand.self, NERTagCommand.self])
}

/// The benchmark a command reads, under the data folder.
enum NERDatasetName: String, ExpressibleByArgument, CaseIterable {
    case twitter2015, twitter2017

    /// The posts of `split` (`train`, `valid` or `test`).
    func read(_ split: String, from data: DataOption) throws -> [MNERPost] {
        try MNERDataset.read(try data.require("\(rawValue)/\(split).txt"))
    }
}

extension Conlleval.Report {
    /// conlleval's summary: overall and per-type precision, recall and F1, one line each.
    var table: String {
        func row(_ name: String, _ s: Conlleval.Scores) -> String {
            name.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: " %6.2f %6.2f %6.2f %6d %6d %6d\n", s.precision, s.recall, s.f1,
                   s.predicted, s.gold, s.correct)
        }
        var text = String(format: "accuracy %.2f%% of %d words\n", accuracy, tagCount)
        text += "type          P      R     F1  found   gold correct\n"
        text += row("overall", overall)
        for type in byType.keys.sorted() { text += row(type, byType[type]!) }
        return text
    }
}
