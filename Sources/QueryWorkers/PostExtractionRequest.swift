import Foundation
import SPARQLProtocol
import Store

/// A post to run through the entity extraction of `POST /extract` in a worker (issue 7, part 4).
public struct PostExtractionRequest: Sendable, Equatable {
    /// The post's text, as sent: the worker refuses an empty one (400) or one longer than the
    /// tagger takes (413) before any work.
    public var text: String
    /// The caller's id of the post; nil names it by its text's SHA-256.
    public var id: String?
    /// The post's JPEG image, as uploaded (not yet decoded: decoding is the worker's risk).
    public var image: Data?
    /// How to write the post: `json`, `turtle`, `ntriples`, `nquads` or `rdfxml`.
    public var format: String
    /// Whether to replace the post's named graph in the store with the result (a write).
    public var store: Bool

    public init(text: String, id: String? = nil, image: Data? = nil, format: String = "json", store: Bool = false) {
        self.text = text
        self.id = id
        self.image = image
        self.format = format
        self.store = store
    }
}

/// What a worker runs `POST /extract` with: the tagger and linker, loaded once when the worker
/// starts (`coatt serve --ner-model`). Lives outside QueryWorkers (in `coatt`) since the
/// tagger does; the worker only hands it requests and its store.
public protocol PostExtractionService {
    /// The post's RDF in `request.format` (reply body and media type), stored first when
    /// `request.store`. An unusable image is no failure: the text is tagged and `message` says
    /// why the image was left out. Failures are replies too (never thrown).
    func extract(_ request: PostExtractionRequest, store: Store) -> EndpointReply
}

/// What the pool sends a worker: a SPARQL Protocol request or a post to extract.
enum WorkerRequest: Sendable, Equatable {
    case sparql(EndpointRequest)
    case extract(PostExtractionRequest)

    /// Whether it changes the store (and so goes to the single writer).
    var writes: Bool {
        switch self {
        case .sparql(let request): return request.operation.writes
        case .extract(let request): return request.store
        }
    }
}
