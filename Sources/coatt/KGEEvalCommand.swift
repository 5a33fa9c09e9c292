import ArgumentParser
import Foundation
import KGEmbeddings

extension KGECommand {
    /// `coatt kge eval`: filtered ranking metrics of a model on a split, with bootstrap intervals
    /// and a paired comparison with another model on request.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Filtered ranking of a split against all entities: MRR, MR, Hits@1/3/10 (realistic ties), both sides and each.",
            discussion: """
            --bootstrap N adds 95% percentile intervals from N resamples of the split's triples (a triple keeps \
            both its ranks). --compare OTHER ranks the split with a second model of the same KG too and gives the \
            paired interval of the difference (this model minus OTHER) over the same resamples.
            """)

        @OptionGroup var triples: TripleSourceOptions
        @Option(help: "The model file written by `coatt kge train`.") var model: String
        @Option(help: "The split: test or valid.") var split = "test"
        @Flag(help: "Print JSON instead of a table.") var json = false
        @Flag(help: "Also give the metrics of each relation (both sides).") var perRelation = false
        @Option(help: ArgumentHelp("Resamples of the split's triples for 95% bootstrap intervals of the metrics (both sides).", valueName: "N"))
        var bootstrap: Int?
        @Option(help: ArgumentHelp("Another model of the same KG: its metrics and the paired interval of the difference (--bootstrap resamples, default 1000).",
                                   valueName: "OTHER"))
        var compare: String?

        /// What the command reports.
        struct Report {
            var seconds: Double
            var rows: [(name: String, metrics: RankingMetrics)]
            var relations: [(name: String, metrics: RankingMetrics)]
            var intervals: MetricIntervals?
            var comparison: (model: String, metrics: RankingMetrics, difference: MetricIntervals)?
        }

        func run() throws {
            guard ["test", "valid"].contains(split) else { throw CommandFailure("--split must be test or valid, not '\(split)'") }
            guard (bootstrap ?? 1) > 0 else { throw CommandFailure("--bootstrap must be a positive number of resamples") }
            let source = triples.source
            let dataset = try source.load()
            KGECommand.reportUnseen(dataset)
            let triples = split == "valid" ? dataset.valid : dataset.test
            guard !triples.isEmpty else {
                let dropped = split == "valid" ? dataset.droppedValid : dataset.droppedTest
                throw CommandFailure("the \(split) split of \(source.name) has no triple to rank (\(dropped) name an entity or relation never seen in training)")
            }
            let known = KnownTriples(dataset.train, dataset.valid, dataset.test)
            let started = Date()
            let result = try load(model, for: dataset, of: source).evaluate(triples, known: known)
            let seconds = Date().timeIntervalSince(started)
            var report = Report(seconds: seconds,
                                rows: [("both", result.metrics()), ("head", result.metrics(side: .head)), ("tail", result.metrics(side: .tail))],
                                relations: perRelation ? Set(triples.map(\.relation)).sorted().map {
                                    (dataset.relations[Int($0)], result.metrics(relation: $0))
                                } : [],
                                intervals: bootstrap.map { result.bootstrapIntervals(resamples: $0) })
            if let compare {
                let baseline = try load(compare, for: dataset, of: source).evaluate(triples, known: known)
                report.comparison = (compare, baseline.metrics(), result.pairedDifference(from: baseline, resamples: bootstrap ?? 1000))
            }
            Terminal.write(json ? try jsonText(report) : table(report, triples: triples.count))
            Terminal.flush()
        }

        /// The model in `path`, which must have been trained on the entities of `dataset`.
        func load(_ path: String, for dataset: KGDataset, of source: TrainingSource) throws -> TransEModel {
            let loaded = try TransEModel.load(from: URL(fileURLWithPath: path))
            guard loaded.entityNames == nil || loaded.entityNames! == dataset.entities,
                  loaded.model.entityCount == dataset.entities.count else {
                throw CommandFailure("\(path) was trained on other entities than \(source.name)")
            }
            return loaded.model
        }

        func jsonText(_ report: Report) throws -> String {
            func object(_ m: RankingMetrics) -> [String: Any] {
                ["mrr": m.meanReciprocalRank, "mr": m.meanRank, "hits@1": m.hitsAt1, "hits@3": m.hitsAt3, "hits@10": m.hitsAt10, "count": m.count]
            }
            func object(_ i: MetricIntervals) -> [String: Any] {
                func pair(_ range: ClosedRange<Double>) -> [Double] { [range.lowerBound, range.upperBound] }
                return ["confidence": i.confidence, "resamples": i.resamples, "mrr": pair(i.meanReciprocalRank),
                        "hits@1": pair(i.hitsAt1), "hits@3": pair(i.hitsAt3), "hits@10": pair(i.hitsAt10)]
            }
            var document: [String: Any] = ["split": split, "ties": "realistic", "seconds": report.seconds]
            for (name, m) in report.rows { document[name] = object(m) }
            if perRelation { document["relations"] = Dictionary(uniqueKeysWithValues: report.relations.map { ($0.name, object($0.metrics)) }) }
            if let intervals = report.intervals { document["bootstrap"] = object(intervals) }
            if let c = report.comparison {
                document["compare"] = ["model": c.model, "both": object(c.metrics), "difference": object(c.difference)]
            }
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self) + "\n"
        }

        func table(_ report: Report, triples: Int) -> String {
            func row(_ name: String, _ m: RankingMetrics) -> String {
                "\(name)\t" + String(format: "%.4f\t%.1f\t%.4f\t%.4f\t%.4f\t%d\n", m.meanReciprocalRank, m.meanRank, m.hitsAt1, m.hitsAt3, m.hitsAt10, m.count)
            }
            func interval(_ i: MetricIntervals, signed: Bool) -> String {
                func range(_ r: ClosedRange<Double>) -> String {
                    String(format: signed ? "%+.4f to %+.4f" : "%.4f to %.4f", r.lowerBound, r.upperBound)
                }
                return "\(Int((i.confidence * 100).rounded()))% bootstrap interval (\(i.resamples) resamples of the triples): "
                    + "MRR \(range(i.meanReciprocalRank)), Hits@1 \(range(i.hitsAt1)), Hits@3 \(range(i.hitsAt3)), Hits@10 \(range(i.hitsAt10))\n"
            }
            var text = "\(split) (\(triples) triples, filtered, realistic ties, \(String(format: "%.2f", report.seconds)) s)\n"
                + "side\tMRR\tMR\tHits@1\tHits@3\tHits@10\tcount\n"
            for (name, m) in report.rows + report.relations { text += row(name, m) }
            if let intervals = report.intervals { text += "both, " + interval(intervals, signed: false) }
            if let c = report.comparison {
                text += row("both, \(c.model)", c.metrics)
                text += "difference (this model minus \(c.model)), paired " + interval(c.difference, signed: true)
            }
            return text
        }
    }
}
