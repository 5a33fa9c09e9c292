import Annotations
import ArgumentParser
import EntityLinking
import Foundation
import NER
import Store

/// `coatt link`: entity linking against the store's KG.
struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Entity linking against the KG of the store.", subcommands: [LinkEvalCommand.self])
}

/// `coatt link eval`: the linker (and the tagger before it) scored against a hand-linked gold set (issue 7).
struct LinkEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Score entity linking against a gold set of hand-linked mentions.",
        discussion: """
        The gold file (e.g. Benchmarks/linking/twitter2017-valid-gold.tsv) is tab-separated: imgid, first_word, \
        end_word (word indices of the post, end exclusive), type (PER, LOC, ORG, MISC/OTHER), the entity IRI or \
        NIL, a note; a first line starting with "imgid" is a header. It lists every entity span of each post it \
        names; the words come from the dataset's split (--data-dir), never from the gold file. \
        (a) Given the gold spans: the linker runs on each post's gold mentions (jointly, with their gold types); \
        accuracy counts a mention correct when the linker's answer equals the gold one, NIL included; precision \
        and recall over links count the non-NIL answers and non-NIL gold entities. \
        (b) With --model, end to end: the tagger's spans of those posts, linked, compared with the gold ones as \
        (post, span, entity) triples, the NER type not compared; a predicted NIL matches a gold NIL of exactly the \
        same span. Also given: the same over linked pairs only (NIL on neither side), and spans alone. Posts are \
        tagged from their text alone, as `coatt extract` without --image does.
        """)

    @OptionGroup var data: DataOption
    @OptionGroup var storeOption: StoreOption
    @Option(help: ArgumentHelp("The hand-linked gold mentions (TSV).", valueName: "FILE")) var gold: String
    @Option(help: ArgumentHelp("A tagger folder (`coatt ner train`): also score recognition + linking end to end.",
                               valueName: "DIR"))
    var model: String?
    @Option(help: "twitter2015 or twitter2017.") var dataset: NERDatasetName = .twitter2017
    @Option(help: "train, valid or test.") var split = "valid"
    @Option(help: "The registered TransE model to link with when the tagger names none (default: the newest).")
    var kgModel: String?
    @Flag(help: "Print the scores as one JSON object instead of a table.") var json = false
    @Option(help: ArgumentHelp("Write the linker's answer for each gold mention here (TSV: imgid, first_word, end_word, type, gold, "
                               + "predicted, confidence).", valueName: "FILE"))
    var answers: String?
    @Option(help: "Posts run through the encoder at a time.") var batchSize = 32
    @Option(help: "OpenBLAS threads.") var threads = 2

    func validate() throws {
        guard ["train", "valid", "test"].contains(split) else { throw ValidationError("--split must be train, valid or test") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() throws {
        try EncoderRuntime.prepare(threads: threads)
        let posts = try dataset.read(split, from: data)
        let goldSet = try LinkingGold.read(gold, posts: posts)
        let store = try storeOption.openExisting()
        let loaded = try model.map { try TaggerFolder.open(URL(fileURLWithPath: $0), expectedLabels: MNERDataset.tags) }
        let knowledge = try loaded?.knowledge ?? KnowledgeSource.build(store: store, model: kgModel)
        let linker = LinkingSource.linker(facts: try LinkingSource.StoreFacts(store: store), knowledge: knowledge)
        let known = Set(linker.index.entities.map(\.iri))
        let unreachable = Set(goldSet.posts.flatMap(\.mentions).compactMap(\.entity)).subtracting(known)
        if !unreachable.isEmpty {
            Terminal.error("note: \(unreachable.count) gold entities are not among the linker's entities (\(knowledge.manifest.model)), "
                           + "e.g. \(unreachable.sorted().prefix(3).joined(separator: ", "))")
        }
        var answerLines = ["imgid\tfirst_word\tend_word\ttype\tgold\tpredicted\tconfidence"]
        let givenSpans = LinkingScores.givenSpans(goldSet, link: linker.link) { post, mention, linked in
            answerLines.append([post.imageID, String(mention.words.lowerBound), String(mention.words.upperBound), mention.type,
                                mention.entity ?? "NIL", linked.entity ?? "NIL",
                                linked.linkingConfidence.map { String(format: "%.3f", $0) } ?? ""].joined(separator: "\t"))
        }
        if let answers {
            do { try (answerLines.joined(separator: "\n") + "\n").write(toFile: answers, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(answers): \(error.localizedDescription)")
            }
        }
        var endToEnd: LinkingScores.EndToEnd?
        if let loaded, let model {
            let extractor = PostExtractor(loaded: loaded, link: linker.link,
                                          provenance: Provenance(recognitionModel: try ExtractCommand.modelIRI(URL(fileURLWithPath: model)),
                                                                 knowledgeModel: knowledge.manifest.model, startedAt: Date()))
            endToEnd = LinkingScores.endToEnd(goldSet) { posts in
                stride(from: 0, to: posts.count, by: batchSize).flatMap { extractor.extract(Array(posts[$0..<min(posts.count, $0 + batchSize)])) }
            }
        }
        let report = LinkingReport(gold: goldSet, knowledgeModel: knowledge.manifest.model, givenSpans: givenSpans, endToEnd: endToEnd)
        Terminal.write(json ? report.json + "\n" : report.table)
        Terminal.flush()
    }
}

/// The hand-linked gold mentions of some posts: every entity span of each post listed.
struct LinkingGold {
    struct GoldMention {
        let words: Range<Int>
        /// The NER type as the tagger names it (MISC read as OTHER).
        let type: String
        /// The entity IRI; nil for NIL.
        let entity: String?
    }

    struct Post {
        let post: MNERPost
        let mentions: [GoldMention]
    }

    /// The posts in the order of the gold file's first mention of each.
    let posts: [Post]

    /// Reads the gold TSV; the words are those of `posts` (the dataset's split), found by image id.
    static func read(_ path: String, posts: [MNERPost]) throws -> LinkingGold {
        let content: String
        do { content = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure("\(path): cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        let byID = Dictionary(posts.map { ($0.imageID, $0) }, uniquingKeysWith: { first, _ in first })
        var order: [String] = [], mentions: [String: [GoldMention]] = [:]
        // Split on scalars: Swift reads "\r\n" as one Character, which a Character split on "\n" misses.
        for (index, scalars) in content.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Substring(scalars.last == "\r" ? scalars.dropLast() : scalars)
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if line.isEmpty || (index == 0 && fields[0] == "imgid") { continue }
            func failure(_ reason: String) -> CommandFailure { CommandFailure("\(path):\(index + 1): \(reason)") }
            guard fields.count >= 5 else { throw failure("expected imgid, first_word, end_word, type, entity IRI or NIL[, note]") }
            guard let post = byID[fields[0]] else { throw failure("no post \(fields[0]) in the data") }
            guard let first = Int(fields[1]), let end = Int(fields[2]), 0 <= first, first < end, end <= post.words.count else {
                throw failure("words \(fields[1])..<\(fields[2]) are not a span of the post's \(post.words.count) words")
            }
            let type = fields[3] == "MISC" ? "OTHER" : fields[3]
            guard ["PER", "LOC", "ORG", "OTHER"].contains(type) else { throw failure("unknown type '\(fields[3])'") }
            if mentions[fields[0]] == nil { order.append(fields[0]) }
            guard !mentions[fields[0], default: []].contains(where: { $0.words.overlaps(first..<end) }) else {
                throw failure("span \(first)..<\(end) overlaps another gold span of the post")
            }
            mentions[fields[0], default: []].append(GoldMention(words: first..<end, type: type, entity: fields[4] == "NIL" ? nil : fields[4]))
        }
        return LinkingGold(posts: order.map { Post(post: byID[$0]!, mentions: mentions[$0]!.sorted { $0.words.lowerBound < $1.words.lowerBound }) })
    }
}

/// The counts and ratios of `coatt link eval`.
enum LinkingScores {
    /// Predicted, gold and correct items, with precision, recall and F1 (0 when undefined).
    struct Counts: Equatable {
        var predicted = 0, gold = 0, correct = 0
        var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// (a): the linker on the gold spans.
    struct GivenSpans {
        /// Mentions whose linker answer (entity or NIL) is the gold one, of all gold mentions.
        var mentions = 0, correct = 0
        /// Gold NIL mentions, and those the linker left NIL.
        var goldNIL = 0, correctNIL = 0
        /// Over non-NIL answers and non-NIL gold entities.
        var links = Counts()
        /// Accuracy per gold type: (mentions, correct).
        var byType: [String: (mentions: Int, correct: Int)] = [:]
        var accuracy: Double { mentions == 0 ? 0 : Double(correct) / Double(mentions) }
    }

    /// (b): recognition and linking, as (post, span, entity) triples.
    struct EndToEnd {
        /// Spans with their entity or NIL.
        var pairs = Counts()
        /// Spans linked to an entity on both sides (NIL spans left out of predicted and gold).
        var linkedPairs = Counts()
        /// Spans alone (recognition without the NER type).
        var spans = Counts()
    }

    /// Where each word lies, in Unicode scalars, in the words joined by single spaces.
    static func wordOffsets(_ words: [String]) -> [Range<Int>] {
        var begin = 0
        return words.map { word in
            defer { begin += word.unicodeScalars.count + 1 }
            return begin..<begin + word.unicodeScalars.count
        }
    }

    /// - Parameter answer: called with each gold mention and the linker's answer, in order.
    static func givenSpans(_ gold: LinkingGold, link: ([Mention]) -> [LinkedMention],
                           answer: (MNERPost, LinkingGold.GoldMention, LinkedMention) -> Void = { _, _, _ in }) -> GivenSpans {
        var scores = GivenSpans()
        for post in gold.posts {
            let offsets = wordOffsets(post.post.words)
            let mentions = post.mentions.map { mention in
                let begin = offsets[mention.words.lowerBound].lowerBound, end = offsets[mention.words.upperBound - 1].upperBound
                return Mention(text: post.post.words[mention.words].joined(separator: " "), type: mention.type, begin: begin, end: end, confidence: 1)
            }
            for (mention, linked) in zip(post.mentions, link(mentions)) {
                answer(post.post, mention, linked)
                let right = linked.entity == mention.entity
                scores.mentions += 1
                scores.correct += right ? 1 : 0
                scores.byType[mention.type, default: (0, 0)].mentions += 1
                scores.byType[mention.type, default: (0, 0)].correct += right ? 1 : 0
                if mention.entity == nil {
                    scores.goldNIL += 1
                    scores.correctNIL += right ? 1 : 0
                }
                scores.links.predicted += linked.entity == nil ? 0 : 1
                scores.links.gold += mention.entity == nil ? 0 : 1
                scores.links.correct += linked.entity != nil && right ? 1 : 0
            }
        }
        return scores
    }

    /// Runs `extract` (the tagger and linker of ``PostExtractor``) on the gold posts' words joined by
    /// spaces and compares its mentions, mapped back to word spans, with the gold ones.
    static func endToEnd(_ gold: LinkingGold, extract: ([(id: String?, text: String, imageIRI: String?)]) -> [AnnotatedPost]) -> EndToEnd {
        let extracted = extract(gold.posts.map { (id: $0.post.imageID, text: $0.post.words.joined(separator: " "), imageIRI: nil) })
        var scores = EndToEnd()
        for (post, annotated) in zip(gold.posts, extracted) {
            // The extractor's offsets count scalars of its NFC text; a span not on the data's word
            // boundaries (a data word holding a space-like character) matches no gold span.
            let offsets = wordOffsets(post.post.words.map { $0.precomposedStringWithCanonicalMapping })
            let starts = Dictionary(offsets.enumerated().map { ($1.lowerBound, $0) }, uniquingKeysWith: { first, _ in first })
            let ends = Dictionary(offsets.enumerated().map { ($1.upperBound, $0 + 1) }, uniquingKeysWith: { first, _ in first })
            let predicted = annotated.mentions.map { linked in
                let words = starts[linked.mention.begin].flatMap { begin in ends[linked.mention.end].map { begin..<max(begin, $0) } }
                return (words: words ?? -1 ..< -1, entity: linked.entity)
            }
            let expected = post.mentions.map { (words: $0.words, entity: $0.entity) }
            func count(_ counts: inout Counts, _ predicted: [(words: Range<Int>, entity: String?)], _ expected: [(words: Range<Int>, entity: String?)]) {
                counts.predicted += predicted.count
                counts.gold += expected.count
                counts.correct += predicted.filter { guess in expected.contains { $0.words == guess.words && $0.entity == guess.entity } }.count
            }
            count(&scores.pairs, predicted, expected)
            count(&scores.linkedPairs, predicted.filter { $0.entity != nil }, expected.filter { $0.entity != nil })
            count(&scores.spans, predicted.map { ($0.words, nil) }, expected.map { ($0.words, nil) })
        }
        return scores
    }
}

/// How `coatt link eval` prints its scores.
struct LinkingReport {
    let gold: LinkingGold
    let knowledgeModel: String
    let givenSpans: LinkingScores.GivenSpans
    let endToEnd: LinkingScores.EndToEnd?

    private var goldMentions: [LinkingGold.GoldMention] { gold.posts.flatMap(\.mentions) }

    var table: String {
        let linked = goldMentions.filter { $0.entity != nil }.count
        func row(_ name: String, _ counts: LinkingScores.Counts) -> String {
            name.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "%6.2f %6.2f %6.2f %6d %6d %6d\n", 100 * counts.precision, 100 * counts.recall, 100 * counts.f1,
                         counts.predicted, counts.gold, counts.correct)
        }
        var text = "gold: \(goldMentions.count) mentions in \(gold.posts.count) posts (\(linked) linked, \(goldMentions.count - linked) NIL); "
            + "linker over \(knowledgeModel)\n"
        text += "(a) given the gold spans\n"
        text += String(format: "accuracy %6.2f%% (%d of %d; NIL %d of %d)\n", 100 * givenSpans.accuracy, givenSpans.correct, givenSpans.mentions,
                       givenSpans.correctNIL, givenSpans.goldNIL)
        for type in givenSpans.byType.keys.sorted() {
            let (mentions, correct) = givenSpans.byType[type]!
            text += "  " + type.padding(toLength: 6, withPad: " ", startingAt: 0)
                + String(format: " %6.2f%% (%d of %d)\n", 100 * Double(correct) / Double(mentions), correct, mentions)
        }
        text += "                           P      R     F1  found   gold correct\n"
        text += row("links (non-NIL)", givenSpans.links)
        if let endToEnd {
            text += "(b) end to end (tagger + linker)\n"
            text += "                           P      R     F1  found   gold correct\n"
            text += row("(span, entity|NIL)", endToEnd.pairs)
            text += row("(span, entity)", endToEnd.linkedPairs)
            text += row("spans", endToEnd.spans)
        }
        return text
    }

    var json: String {
        func counts(_ c: LinkingScores.Counts) -> [String: Any] {
            ["predicted": c.predicted, "gold": c.gold, "correct": c.correct, "precision": c.precision, "recall": c.recall, "f1": c.f1]
        }
        var object: [String: Any] = [
            "posts": gold.posts.count, "mentions": goldMentions.count, "goldLinked": goldMentions.filter { $0.entity != nil }.count,
            "knowledgeModel": knowledgeModel,
            "givenSpans": ["mentions": givenSpans.mentions, "correct": givenSpans.correct, "accuracy": givenSpans.accuracy,
                           "goldNIL": givenSpans.goldNIL, "correctNIL": givenSpans.correctNIL, "links": counts(givenSpans.links),
                           "byType": givenSpans.byType.mapValues { ["mentions": $0.mentions, "correct": $0.correct] }] as [String: Any],
        ]
        if let endToEnd {
            object["endToEnd"] = ["pairs": counts(endToEnd.pairs), "linkedPairs": counts(endToEnd.linkedPairs), "spans": counts(endToEnd.spans)]
        }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
