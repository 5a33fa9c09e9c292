import Annotations
import EmbeddingCatalog
import EntityLinking
import Foundation
import Images
import NER
import QueryWorkers
import RDFModel
import Redland
import SPARQLProtocol
import Store

/// The extraction pipeline of `coatt extract` and of `POST /extract` (`coatt serve --ner-model`):
/// the tagger and the linker, loaded once (seconds), then run on post after post.
struct ExtractionPipeline {
    let loaded: TaggerFolder.Loaded
    let link: ([Mention]) -> [LinkedMention]
    /// The tagger's IRI (``ExtractCommand/modelIRI(_:)``).
    let recognitionModel: String
    /// The IRI of the KG model the linker uses, if any.
    let knowledgeModel: String?

    /// Loads the tagger of `folder` and its linker over `store` (nil: every mention NIL, stderr says why).
    init(model folder: URL, store: Store?) throws {
        // What the linker reads from the store needs nothing from the tagger: a second core reads it meanwhile.
        let facts = store.map { store in SideThread { try LinkingSource.StoreFacts(store: store) } }
        do {
            loaded = try TaggerFolder.open(folder, expectedLabels: MNERDataset.tags)
        } catch {
            _ = try? facts?.join()  // the store is not left in use by another thread
            throw error
        }
        (link, knowledgeModel) = try Self.linking(knowledge: loaded.knowledge, store: store.map { ($0, try facts!.join()) })
        recognitionModel = try ExtractCommand.modelIRI(folder)
    }

    /// The extractor of a run that starts now (its `prov:startedAtTime`).
    func extractor(startedAt: Date = Date()) -> PostExtractor {
        PostExtractor(loaded: loaded, link: link,
                      provenance: Provenance(recognitionModel: recognitionModel, knowledgeModel: knowledgeModel, startedAt: startedAt))
    }

    /// Replaces the post's named graph in `store` with its RDF, in one transaction.
    static func store(_ post: AnnotatedPost, in store: Store) throws {
        try store.replaceGraph(.iri(NIFDocument.graphIRI(documentID: post.documentID)),
                               with: Data(NIFDocument.quads(post).map(\.triple.nquads).joined(separator: "\n").utf8),
                               mediaType: "application/n-triples", baseIRI: nil)
    }

    /// The linker over the tagger's KG model, else over the newest TransE model registered in the
    /// store, with the model's IRI; without either (or a store), every mention is NIL and stderr says why.
    private static func linking(knowledge: KnowledgeSource?, store: (Store, facts: LinkingSource.StoreFacts)?) throws
        -> (link: ([Mention]) -> [LinkedMention], model: String?) {
        guard let (store, facts) = store else {
            Terminal.error("note: no store to link against (give --store): every mention is NIL")
            return (linkNone, nil)
        }
        let source: KnowledgeSource
        if let knowledge {
            source = knowledge
        } else {
            let models: [EmbeddingCatalog.Entry]
            do { models = try EmbeddingCatalog.models(in: store) } catch {
                throw CommandFailure("cannot list the TransE models of \(store.location.description): \(error)")
            }
            guard !models.isEmpty else {
                Terminal.error("note: the tagger has no KG model and \(store.location.description) has no TransE model "
                               + "(`coatt kge train --register NAME`): every mention is NIL")
                return (linkNone, nil)
            }
            source = try KnowledgeSource.build(store: store, model: nil)
        }
        let linker = LinkingSource.linker(facts: facts, knowledge: source)
        return (linker.link, source.manifest.model)
    }

    /// Links no mention (every one NIL).
    private static func linkNone(_ mentions: [Mention]) -> [LinkedMention] {
        mentions.map { LinkedMention(mention: $0, entity: nil, linkingConfidence: nil, entityClasses: []) }
    }
}

/// Recognises the entities of posts with a tagger, links them, and makes ``AnnotatedPost``s.
struct PostExtractor {
    let loaded: TaggerFolder.Loaded
    let link: ([Mention]) -> [LinkedMention]
    let provenance: Provenance

    /// The posts' mentions, linked; texts are put in Unicode NFC first (as the ontology's offsets
    /// count them), and a post without an id is named by ``contentID(_:)``. Callers check each
    /// post first (``PostText/check(_:allowingEmpty:)``), before anything is stored.
    /// - Parameter images: one image per post, in order, or none (text only).
    func extract(_ posts: [(id: String?, text: String, imageIRI: String?)],
                 images: [(imageID: String, image: PostImage)] = []) -> [AnnotatedPost] {
        precondition(images.isEmpty || images.count == posts.count, "PostExtractor: \(images.count) images for \(posts.count) posts")
        let texts = posts.map { PostText($0.text.precomposedStringWithCanonicalMapping) }
        let tagged = loaded.tagger.tagSpans(texts, tokenizer: loaded.tokenizer, labels: MNERDataset.tags, batchSize: posts.count,
                                            features: loaded.features(images: images),
                                            imageIDs: images.isEmpty ? nil : images.map(\.imageID))
        return zip(posts, tagged).map { post, result in
            let id = post.id ?? Self.contentID(post.text)
            if result.windowCount > 1 {
                Terminal.error("note: post \(id) has \(result.post.words.count) words, more sub-words than the encoder's "
                               + "\(loaded.tagger.encoder.config.maxPositionEmbeddings) positions: tagged in \(result.windowCount) overlapping windows")
            }
            let mentions = result.spans.map { span in
                Mention(text: span.text, type: span.type, begin: span.begin, end: span.end, confidence: span.confidence)
            }
            return AnnotatedPost(documentID: id, text: result.post.text, imageIRI: post.imageIRI, mentions: link(mentions),
                                 provenance: provenance)
        }
    }

    /// The id of a post that has none: `sha256-` and 16 hex digits of its NFC text's UTF-8 digest.
    static func contentID(_ text: String) -> String {
        "sha256-" + SHA256.hexDigest(of: Data(text.precomposedStringWithCanonicalMapping.utf8)).prefix(16)
    }
}

/// How one post is written: an RDF syntax or the JSON of ``NIFDocument/json(_:)``.
enum ExtractFormat {
    case rdf(RDFFormat)
    case json

    init?(_ name: String) {
        // Not TriG: raptor has no TriG serializer (N-Quads carries the graph instead).
        if name == "json" { self = .json } else if let rdf = RDFFormat(rawValue: name), rdf != .trig { self = .rdf(rdf) } else { return nil }
    }

    /// The post in this format, ending with a line break.
    func render(_ post: AnnotatedPost) throws -> String {
        switch self {
        case .json:
            return NIFDocument.json(post) + "\n"
        case .rdf(let syntax):
            let quads = NIFDocument.quads(post)
            switch syntax {
            case .ntriples: return quads.map { $0.triple.nquads + "\n" }.joined()
            case .nquads: return quads.map { $0.nquads + "\n" }.joined()
            default:
                return try RDFSerializer.serialize(quads, format: syntax,
                                                   prefixes: RDFSerializer.commonPrefixes.merging(AnnotationVocabulary.prefixes) { $1 })
            }
        }
    }
}

private extension Quad {
    /// The quad without its graph (a triple), to write as N-Triples.
    var triple: Quad { Quad(subject, predicate, object) }
}

/// `POST /extract` in a worker process of `coatt serve --ner-model`: the pipeline loaded at the
/// worker's start serves every request, against the worker's own connection to the store.
extension ExtractionPipeline: PostExtractionService {
    func extract(_ request: PostExtractionRequest, store: Store) -> EndpointReply {
        guard let format = ExtractFormat(request.format) else {
            return EndpointReply(status: .badRequest, message: "unknown output format '\(request.format)'")
        }
        do throws(PostTextError) { try PostText.check(request.text) } catch {
            let status: EndpointStatus = switch error {
            case .empty, .nulCharacter: .badRequest
            case .tooLong: .tooLarge
            }
            return EndpointReply(status: status, message: error.message(id: request.id))
        }
        let image = request.image.map(uploadedImage) ?? (images: [], iri: nil, unused: nil)
        let post = extractor().extract([(id: request.id, text: request.text, imageIRI: image.iri)], images: image.images)[0]
        do {
            if request.store { try Self.store(post, in: store) }
        } catch {
            return EndpointReply(status: .failed, message: "cannot store post \(post.documentID): \(error) (its graph is as it was)")
        }
        do {
            return EndpointReply(status: .ok, body: Data(try format.render(post).utf8), message: image.unused ?? "",
                                 count: post.mentions.count)
        } catch {
            return EndpointReply(status: .failed, message: "cannot write post \(post.documentID) as \(request.format): \(error)")
        }
    }

    /// An uploaded JPEG: its pixels when the tagger reads images, its IRI (`nih:sha-256;HEX`, RFC 6920:
    /// the upload has no address of its own) when it decodes, and why it was not used otherwise.
    /// The decoder checks the declared size against its pixel limit before allocating, so a JPEG
    /// bomb is refused here like a corrupt file.
    private func uploadedImage(_ jpeg: Data) -> (images: [(imageID: String, image: PostImage)], iri: String?, unused: String?) {
        let pixels: PixelValues
        do { pixels = try (loaded.vision?.preprocessor ?? CLIPPreprocessor())(jpeg: [UInt8](jpeg)) } catch {
            return ([], nil, "the image cannot be decoded (\(error)); the text was tagged alone")
        }
        let iri = "nih:sha-256;" + SHA256.hexDigest(of: jpeg)
        guard loaded.vision != nil else { return ([], iri, "this model reads text only") }
        return ([(TaggerFolder.Loaded.singleImageID, .image(pixels))], iri, nil)
    }
}
