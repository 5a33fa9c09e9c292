import Foundation
import NER

/// The record of a `coatt ner train` run, all rewritten after each epoch: `training-log.csv` and
/// `training-log.json` (one record per epoch), `training-curves.svg` (loss and validation F1 per epoch,
/// see ``TrainingPlot``) and `metrics.json` (validation F1 per epoch, the best epoch, the dataset and
/// the command line).
struct TrainingLog {
    /// One epoch: mean training loss, validation scores (percent), wall-clock seconds (training and
    /// validation) and training throughput.
    struct Epoch: Codable, Equatable {
        let epoch: Int
        let loss: Double
        let validPrecision: Double, validRecall: Double, validF1: Double
        let seconds: Double
        /// Real (non-padding) sub-words trained per second; nil when the caller did not measure it.
        let subwordsPerSecond: Double?

        enum CodingKeys: String, CodingKey {
            case epoch, loss, seconds
            case validPrecision = "valid_precision", validRecall = "valid_recall", validF1 = "valid_f1"
            case subwordsPerSecond = "subwords_per_second"
        }
    }

    let folder: URL
    let dataset: String
    private(set) var epochs: [Epoch] = []

    init(folder: URL, dataset: String) {
        (self.folder, self.dataset) = (folder, dataset)
    }

    /// A resumed run's log: the epochs up to `lastEpoch` from the folder's `training-log.json`, so the
    /// files go on where the checkpoint left off.
    init(continuing folder: URL, dataset: String, through lastEpoch: Int) throws {
        self.init(folder: folder, dataset: dataset)
        let file = folder.appendingPathComponent("training-log.json")
        do {
            epochs = try JSONDecoder().decode([Epoch].self, from: Data(contentsOf: file)).filter { $0.epoch <= lastEpoch }
        } catch {
            throw CommandFailure("cannot continue the training log \(file.path): \(error)")
        }
    }

    /// The best validation F1 so far, nil before the first epoch.
    var bestF1: Double? { best?.validF1 }

    /// The epoch kept: the first with the highest validation F1.
    private var best: Epoch? {
        epochs.reduce(nil) { best, epoch in epoch.validF1 > (best?.validF1 ?? -1) ? epoch : best }
    }

    /// Records an epoch and rewrites every file.
    mutating func append(epoch: Int, loss: Double, valid: Conlleval.Scores, seconds: Double,
                         subwordsPerSecond: Double? = nil) throws {
        epochs.append(Epoch(epoch: epoch, loss: loss, validPrecision: valid.precision, validRecall: valid.recall,
                            validF1: valid.f1, seconds: seconds, subwordsPerSecond: subwordsPerSecond))
        try write()
    }

    private func write() throws {
        try write(csv, to: "training-log.csv")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(epochs).write(to: folder.appendingPathComponent("training-log.json"))
        let plot = TrainingPlot(title: "coatt ner train on \(dataset)", epochs: epochs.map(\.epoch), loss: epochs.map(\.loss),
                                validF1: epochs.map(\.validF1), bestEpoch: best?.epoch)
        try write(plot.svg, to: "training-curves.svg")
        let metrics: [String: Any] = [
            "dataset": dataset, "command": CommandLine.arguments.joined(separator: " "),
            "valid_f1_per_epoch": epochs.map(\.validF1), "best_epoch": best?.epoch ?? 0, "best_valid_f1": bestF1 ?? 0,
        ]
        try JSONSerialization.data(withJSONObject: metrics, options: [.prettyPrinted, .sortedKeys])
            .write(to: folder.appendingPathComponent("metrics.json"))
    }

    private var csv: String {
        let rows = epochs.map { e in
            String(format: "%d,%.6f,%.4f,%.4f,%.4f,%.1f,", e.epoch, e.loss, e.validPrecision, e.validRecall, e.validF1, e.seconds)
                + (e.subwordsPerSecond.map { String(format: "%.0f", $0) } ?? "")
        }
        return (["epoch,loss,valid_precision,valid_recall,valid_f1,seconds,subwords_per_second"] + rows).joined(separator: "\n") + "\n"
    }

    private func write(_ text: String, to name: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}
