import Foundation
import NER

/// `training-log.csv` (one row per epoch) and `metrics.json` (validation F1 per epoch, the best
/// epoch, the dataset and the command line) of a `coatt ner train` run, rewritten after each epoch.
struct TrainingLog {
    let folder: URL
    let dataset: String
    private var rows: [String] = ["epoch,loss,valid_precision,valid_recall,valid_f1,seconds"]
    private var validF1: [Double] = []
    /// The best validation F1 so far, nil before the first epoch.
    private(set) var bestF1: Double?
    private var bestEpoch = 0

    init(folder: URL, dataset: String) {
        (self.folder, self.dataset) = (folder, dataset)
    }

    /// Records an epoch and rewrites both files.
    mutating func append(epoch: Int, loss: Double, valid: Conlleval.Scores, seconds: Double) throws {
        rows.append(String(format: "%d,%.6f,%.4f,%.4f,%.4f,%.1f", epoch, loss, valid.precision, valid.recall, valid.f1, seconds))
        validF1.append(valid.f1)
        if valid.f1 > (bestF1 ?? -1) { (bestF1, bestEpoch) = (valid.f1, epoch) }
        try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("training-log.csv"),
                                                        atomically: true, encoding: .utf8)
        let metrics: [String: Any] = [
            "dataset": dataset, "command": CommandLine.arguments.joined(separator: " "),
            "valid_f1_per_epoch": validF1, "best_epoch": bestEpoch, "best_valid_f1": bestF1 ?? 0,
        ]
        try JSONSerialization.data(withJSONObject: metrics, options: [.prettyPrinted, .sortedKeys])
            .write(to: folder.appendingPathComponent("metrics.json"))
    }
}
