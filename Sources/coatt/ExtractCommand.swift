import Annotations
import ArgumentParser
import Foundation
import NER
import Store

/// `coatt extract`: recognise and link the entities of posts and write them as NIF 2.0 / ITS 2.0 RDF.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Recognise and link the entities of posts; print them as RDF or store them.",
        discussion: """
        With a text, prints the post's RDF (Turtle by default; --format ntriples, nquads, rdfxml or json). \
        With --input FILE (JSON lines {"id": …, "text": "…"}, or one post per line), writes each post into \
        the store as its own named graph, https://w3id.org/coattkg/graph/post/<id>, replacing a graph of the \
        same id in one transaction per post: re-extracting never duplicates, and a failure leaves the post's \
        old graph as it was. Of posts sharing an id, the last one is kept (stderr names the ids). A post \
        without an id is named by its text's SHA-256. Texts are stored in Unicode NFC; offsets count its \
        Unicode scalars (as SPARQL's STRLEN), not UTF-16 units (JSON gives both). Mentions are linked to \
        the entities of the tagger's KG model, or else of the newest TransE model registered in the store, \
        with their labels, degrees and DBpedia classes read from the store; without either, every mention \
        is NIL (typed, without a link). A text is linked against --store, or the default store if it exists. \
        An empty post, or one longer than \(PostText.maximumLength) characters, is an error (with --input, naming its file \
        and line, before anything is stored). Posts whose image is missing or unreadable are extracted \
        from their text, and a line on stderr counts and names them.
        """)

    @Argument(help: "The post's text (or --input FILE).") var text: String?
    @Option(help: ArgumentHelp("The folder `coatt ner train` wrote.", valueName: "DIR")) var model: String
    @Option(help: ArgumentHelp("Posts to extract into the store: JSON lines {\"id\": …, \"text\": \"…\", \"image\": \"post.jpg\"} (image optional, relative to the file's folder), or one post per line.",
                               valueName: "FILE"))
    var input: String?
    @Option(help: ArgumentHelp("The post's JPEG image (with a text, not --input).", valueName: "FILE.jpg")) var image: String?
    @Option(help: "The post's id (with a text; default: from the text's SHA-256).") var id: String?
    @Option(help: "Output format of a text's RDF: turtle, ntriples, nquads, rdfxml or json.") var format = "turtle"
    @OptionGroup var storeOption: StoreOption
    @Option(help: "Posts run through the encoder at a time.") var batchSize = 32
    @Option(help: "OpenBLAS threads.") var threads = 2

    func validate() throws {
        guard (text == nil) != (input == nil) else { throw ValidationError("give either a text or --input FILE") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
        guard input == nil || (image == nil && id == nil) else {
            throw ValidationError("--image and --id go with a single text; --input gives each post's id")
        }
        guard ExtractFormat(format) != nil else {
            throw ValidationError("unknown format '\(format)': use turtle, ntriples, nquads, rdfxml or json")
        }
        if id?.isEmpty == true { throw ValidationError("--id must not be empty") }
    }

    func run() throws {
        // Every post is checked before the tagger loads (seconds) and before anything is stored.
        let posts = try input.map { try Self.uniquePosts(TagInput.read($0, allowingEmpty: false), file: $0) }
        if let text {
            do throws(PostTextError) { try PostText.check(text) } catch { throw CommandFailure(error.message(id: id)) }
        }
        try EncoderRuntime.prepare(threads: threads)
        let store = input == nil ? try storeForText() : try storeOption.open()
        if input != nil, let store, store.isReadOnly {
            throw CommandFailure("\(store.location.description) is read-only here (its directory cannot be written): nothing was extracted")
        }
        let pipeline = try ExtractionPipeline(model: URL(fileURLWithPath: model), store: store)
        let extractor = pipeline.extractor()
        if let posts, let store {
            try extractIntoStore(posts, extractor: extractor, store: store)
        } else {
            let images = image.map { pipeline.loaded.postImage($0) } ?? []
            let imageIRI = image.flatMap(Self.imageIRI)
            let post = extractor.extract([(id: id, text: text!, imageIRI: imageIRI)], images: images)[0]
            Terminal.write(try ExtractFormat(format)!.render(post))
            Terminal.flush()
        }
    }

    /// The store a single text is linked against: the one --store or $COATT_STORE names, or the
    /// default store when it exists (printing a post creates no store).
    private func storeForText() throws -> Store? {
        if storeOption.store == nil, case .directory(let path) = storeOption.location, !FileManager.default.fileExists(atPath: path) {
            return nil
        }
        return try storeOption.openExisting()
    }

    /// Tags, links and stores `posts` batch by batch, each post's graph replaced in its own transaction.
    private func extractIntoStore(_ posts: [TagInput], extractor: PostExtractor, store: Store) throws {
        let started = Date()
        var progress = ProgressLine(), done = 0, mentions = 0, imageReport = InputImageReport()
        for start in stride(from: 0, to: posts.count, by: batchSize) {
            let chunk = posts[start..<min(posts.count, start + batchSize)]
            // The image's IRI is recorded whenever its file exists, as for a single text.
            let images = extractor.loaded.images(of: chunk)
            imageReport.count(images, of: chunk)
            let inputs = chunk.map { post in
                (id: post.id?.label, text: post.text,
                 imageIRI: post.image.flatMap(Self.imageIRI))
            }
            for post in extractor.extract(inputs, images: extractor.loaded.taggerImages(images)) {
                do {
                    try ExtractionPipeline.store(post, in: store)
                } catch {
                    progress.finish()
                    throw CommandFailure("cannot store post \(post.documentID) in \(store.location.description): \(error) "
                                         + "(its graph is as it was; \(done) posts before it were stored)")
                }
                done += 1
                mentions += post.mentions.count
                progress.update("extract: \(done)/\(posts.count) posts, \(mentions) mentions")
            }
        }
        progress.finish()
        imageReport.print(readsImages: extractor.loaded.vision != nil)
        let seconds = Date().timeIntervalSince(started)
        Terminal.write("\(done) posts, \(mentions) mentions, into \(store.location.description) in "
                       + String(format: "%.2f s (%.1f posts/s)\n", seconds, Double(done) / max(seconds, 1e-9)))
        Terminal.flush()
    }

    /// The posts with duplicate ids removed, the last of each id kept (it replaces the earlier
    /// ones in the store anyway); stderr names the duplicated ids.
    static func uniquePosts(_ posts: [TagInput], file: String) -> [TagInput] {
        var lastIndex: [String: Int] = [:], duplicated: [String] = []
        for (index, post) in posts.enumerated() {
            let id = post.id?.label ?? PostExtractor.contentID(post.text)
            if lastIndex.updateValue(index, forKey: id) != nil, !duplicated.contains(id) { duplicated.append(id) }
        }
        guard !duplicated.isEmpty else { return posts }
        let shown = duplicated.prefix(5).joined(separator: ", ") + (duplicated.count > 5 ? " and \(duplicated.count - 5) more" : "")
        Terminal.error("note: \(file): ids given to more than one post: \(shown); the last post with each id is kept")
        return posts.enumerated().filter { lastIndex[$0.element.id?.label ?? PostExtractor.contentID($0.element.text)] == $0.offset }
            .map(\.element)
    }

    /// The IRI of a tagger: `https://w3id.org/coattkg/model/ner/<SHA-256 of tagger.safetensors, 16 hex digits>`,
    /// so the same weights are the same model wherever the folder lives.
    static func modelIRI(_ folder: URL) throws -> String {
        let weights = folder.appendingPathComponent("tagger.safetensors")
        do { return AnnotationVocabulary.nerModelBase + String(try SHA256.hexDigest(ofFile: weights).prefix(16)) } catch {
            throw CommandFailure("cannot read \(weights.path): \(error)")
        }
    }

    /// The `file:` IRI of an image file, nil when there is no such file. An image that is there
    /// belongs to its post even when the tagger reads text only or cannot decode it.
    static func imageIRI(_ path: String) -> String? {
        FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path).standardizedFileURL.absoluteString : nil
    }
}
