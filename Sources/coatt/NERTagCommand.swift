import ArgumentParser
import Encoders
import Foundation
import Images
import NER

/// `coatt ner tag`: the entities of posts, with their types, places and CRF confidences.
struct NERTagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Find the entities of posts with a trained tagger: type, place and confidence of each.",
        discussion: """
        A post's words are its whitespace-separated tokens (as in the Twitter data). Each entity's \
        confidence is the CRF's probability that exactly its sub-words form one entity of its type. \
        Output: one line per post, `[Barack Obama](PER 0.97) visited [Paris](LOC 0.91)`, or with --json \
        one object per post: {"id" (when the input gave one), "text", "spans": [{"type", "begin", "end", \
        "text", "confidence"}]}, begin and end counted in Unicode scalars of the text (Python str indices). \
        Posts longer than the encoder's positions are tagged in overlapping windows of words (a note \
        on stderr says so). --image gives the post's JPEG to a model with an image path; for a model \
        without one, or an image that cannot be read, the text is tagged alone and stderr says why. \
        With --input, a JSON line's "image" is its post's JPEG: posts whose image is missing or \
        unreadable are tagged from their text, and a line on stderr counts and names them. An empty \
        post tags nothing; a post longer than \(PostText.maximumLength) characters is an error (naming its line).
        """)

    @Argument(help: "The post's text (or --input FILE).") var text: String?
    @Option(help: ArgumentHelp("The folder `coatt ner train` wrote.", valueName: "DIR")) var model: String
    @Option(help: ArgumentHelp("Posts to tag: one per line, or JSON lines {\"id\": …, \"text\": \"…\", \"image\": \"post.jpg\"} "
                               + "(id and image optional, image relative to the file's folder).", valueName: "FILE"))
    var input: String?
    @Option(help: ArgumentHelp("The post's JPEG image, for a model with an image path (with a text, not --input).",
                               valueName: "FILE.jpg"))
    var image: String?
    @Flag(help: "One JSON object per post instead of the annotated text.") var json = false
    @Option(help: "Posts run through the encoder at a time.") var batchSize = 32
    @Option(help: "OpenBLAS threads.") var threads = 2
    @Option(help: ArgumentHelp("Batches of --input tagged at once, each with threads ÷ streams OpenBLAS threads (default: --threads).",
                               valueName: "N"))
    var streams: Int?

    func validate() throws {
        guard (text == nil) != (input == nil) else { throw ValidationError("give either a text or --input FILE") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        guard streams.map({ $0 > 0 }) ?? true else { throw ValidationError("--streams must be positive") }
        guard image == nil || input == nil else { throw ValidationError("--image goes with a single text, not with --input") }
    }

    func run() throws {
        // The posts are checked before the model loads (seconds). An empty post tags nothing, as a
        // blank input line does: nothing is written anywhere, and output line n answers input line n.
        let posts = try input.map { try TagInput.read($0, allowingEmpty: true) } ?? [TagInput(id: nil, text: text!)]
        if let text {
            do throws(PostTextError) { try PostText.check(text) } catch .empty {
                Terminal.error("note: the post is empty: there is nothing to tag")
            } catch { throw CommandFailure(error.message(id: nil)) }
        }
        try EncoderRuntime.prepare(threads: threads)
        let loaded = try TaggerFolder.open(URL(fileURLWithPath: model), expectedLabels: MNERDataset.tags)
        let singleImage = image.map { loaded.postImage($0) } ?? []
        let positions = loaded.tagger.encoder.config.maxPositionEmbeddings
        let batches = stride(from: 0, to: posts.count, by: batchSize).map { $0..<min(posts.count, $0 + batchSize) }
        var imageReport = InputImageReport()
        TaggingStreams(streams: streams ?? threads, threads: threads).run(batches, tag: { batch in
            // Each post's image of --input, read here on the batch's thread; counted in order on delivery.
            let read = loaded.images(of: posts[batch])
            let images = input == nil ? singleImage : loaded.taggerImages(read)
            let tagged = loaded.tagger.tagSpans(posts[batch].map { PostText($0.text) }, tokenizer: loaded.tokenizer, labels: MNERDataset.tags,
                                                batchSize: batchSize, features: loaded.features(images: images),
                                                imageIDs: images.isEmpty ? nil : images.map(\.imageID))
            return (tagged: tagged, images: read)
        }, deliver: { batch, result in
            imageReport.count(result.images, of: posts[batch])
            let tagged = result.tagged
            for (index, result) in zip(batch, tagged) where result.windowCount > 1 {
                Terminal.error("note: post \(posts[index].id?.label ?? String(index + 1)) has \(result.post.words.count) words, more "
                               + "sub-words than the encoder's \(positions) positions: tagged in \(result.windowCount) overlapping windows")
            }
            for (index, result) in zip(batch, tagged) {
                Terminal.write((json ? Self.json(result, id: posts[index].id?.json) : Self.annotated(result, id: posts[index].id?.label)) + "\n")
            }
            Terminal.flush()
        })
        imageReport.print(readsImages: loaded.vision != nil)
    }

    /// The post's text with each entity marked `[text](TYPE 0.97)`, on one line.
    static func annotated(_ result: TaggedPost, id: String?) -> String {
        var line = id.map { $0 + "\t" } ?? ""
        var scalars = Array(result.post.text.unicodeScalars)[...]
        var position = 0
        func take(upTo end: Int) -> String {
            var piece = ""
            piece.unicodeScalars.append(contentsOf: scalars.prefix(end - position))
            scalars = scalars.dropFirst(end - position)
            position = end
            return piece
        }
        for span in result.spans {
            line += take(upTo: span.begin)
            line += "[" + take(upTo: span.end) + "](" + span.type + String(format: " %.2f)", span.confidence)
        }
        line += take(upTo: position + scalars.count)
        // One post, one line: line breaks inside the text become spaces.
        return String(String.UnicodeScalarView(line.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }

    /// `{"id": …, "text": …, "spans": [{"type", "begin", "end", "text", "confidence"}]}`, keys in that order.
    static func json(_ result: TaggedPost, id: String?) -> String {
        let spans = result.spans.map { span in
            "{\"type\":\(quoted(span.type)),\"begin\":\(span.begin),\"end\":\(span.end),\"text\":\(quoted(span.text)),"
                + "\"confidence\":\(span.confidence)}"
        }
        return "{" + (id.map { "\"id\":\($0)," } ?? "") + "\"text\":\(quoted(result.post.text)),\"spans\":[\(spans.joined(separator: ","))]}"
    }

    private static func quoted(_ string: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: try! encoder.encode(string), as: UTF8.self)
    }
}

/// One post of the input of `coatt ner tag` and `coatt extract`.
struct TagInput {
    /// The id a JSON line gave: as JSON (echoed unchanged) and as a label for messages.
    let id: (json: String, label: String)?
    let text: String
    /// A JSON line's "image": the post's JPEG, relative paths taken from the input file's folder.
    var image: String? = nil
    /// The post's line in its input file (0 for a text given on the command line).
    var line = 0

    /// How messages name the post: by its id, else by its line.
    var name: String { id.map { "post \($0.label)" } ?? "line \(line)" }

    /// One post per line, or — when the first non-blank line is a JSON object — one JSON object
    /// per non-blank line with a string "text", an optional "id" and an optional "image" path.
    /// Every post is checked (``PostText/check(_:allowingEmpty:)``) before any is tagged: a bad
    /// one is an error naming the file and line. With `allowingEmpty`, plain lines keep blank
    /// lines as posts without words, so output line n answers input line n.
    static func read(_ path: String, allowingEmpty: Bool) throws -> [TagInput] {
        let content = try TextFile.read(path, role: "--input")
        let inputFolder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // Split on scalars: Swift reads "\r\n" as one Character, which a Character split on "\n" misses.
        var lines = content.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Substring(line.last == "\r" ? line.dropLast() : line)
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        let first = lines.first { !$0.allSatisfy(\.isWhitespace) }
        guard let first, first.first == "{", object(first) != nil else {
            return try lines.enumerated().map { index, line in
                try checked(TagInput(id: nil, text: String(line), line: index + 1), in: path, allowingEmpty: allowingEmpty)
            }
        }
        return try lines.enumerated().compactMap { index, line in
            if line.allSatisfy(\.isWhitespace) { return nil }
            guard let object = object(line), let text = object["text"] as? String else {
                throw CommandFailure("\(path):\(index + 1): expected a JSON object with a string \"text\"")
            }
            let id = try object["id"].map { value in
                (json: String(decoding: try JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed), as: UTF8.self),
                 label: value as? String ?? "\(value)")
            }
            if let named = object["image"], !(named is String) {
                throw CommandFailure("\(path):\(index + 1): \"image\" must be a file path (a string)")
            }
            let image = (object["image"] as? String).map { path in
                path.hasPrefix("/") ? path : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: inputFolder, isDirectory: true)).path
            }
            return try checked(TagInput(id: id, text: text, image: image, line: index + 1), in: path, allowingEmpty: allowingEmpty)
        }
    }

    /// `post` when it may be tagged, else an error naming its file and line.
    private static func checked(_ post: TagInput, in path: String, allowingEmpty: Bool) throws -> TagInput {
        do throws(PostTextError) { try PostText.check(post.text, allowingEmpty: allowingEmpty) } catch {
            throw CommandFailure("\(path):\(post.line): " + error.message(id: post.id?.label))
        }
        return post
    }

    private static func object(_ line: Substring) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    }
}
