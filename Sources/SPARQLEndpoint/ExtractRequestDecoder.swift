import Foundation
import QueryWorkers
import SPARQLProtocol

/// Reads a `POST /extract` request: the post from a JSON body (`{"text", "id"?, "store"?}`) or a
/// `multipart/form-data` form (fields `text`, `id`, `store`, and a JPEG file `image`), `store` also
/// as a URL parameter, and the output format from `Accept` (or a `format` parameter).
struct ExtractRequestDecoder {
    /// The formats of the post's RDF by media type; the first (our JSON) is the default.
    static let formats: [(mediaType: String, name: String)] = [
        ("application/json", "json"), ("text/turtle", "turtle"), ("application/n-triples", "ntriples"),
        ("application/n-quads", "nquads"), ("application/rdf+xml", "rdfxml"),
    ]

    /// The post and its output format, or the refusal (400, 406, 415).
    func decode(_ request: ProtocolRequest) throws(ProtocolError) -> PostExtractionRequest {
        let parameters = try FormParameters(encoded: Array((request.query ?? "").utf8), what: "query string")
        let format = try Self.format(accept: request.accept, parameter: try parameters.single("format"))
        guard let contentType = request.contentType.flatMap(MediaRange.init) else {
            throw .unsupportedMediaType("send the post as application/json or multipart/form-data")
        }
        var post: PostExtractionRequest
        switch contentType.essence {
        case "application/json": post = try Self.json(request.body)
        case "multipart/form-data": post = try Self.form(MultipartFormData(body: request.body, contentType: contentType))
        default: throw .unsupportedMediaType("'\(contentType.essence)' is not a post: send application/json or multipart/form-data")
        }
        post.format = format
        if let store = try parameters.single("store") { post.store = try Self.flag(store, name: "store") || post.store }
        if post.id?.isEmpty == true { throw .badRequest("'id' must not be empty (leave it out to name the post by its text)") }
        return post
    }

    /// The format name for the best acceptable media type (q-values honoured), 406 when none fits.
    static func format(accept: String?, parameter: String?) throws(ProtocolError) -> String {
        if let parameter {
            guard let format = formats.first(where: { $0.name == parameter.lowercased() || $0.mediaType == parameter.lowercased() }) else {
                throw .notAcceptable("unknown format '\(parameter)'; use \(formats.map(\.name).joined(separator: ", "))")
            }
            return format.name
        }
        let ranges = MediaRange.parseList(accept ?? "")
        guard !ranges.isEmpty else { return formats[0].name }
        // Each format takes the quality of the most specific range naming it (RFC 9110 §12.5.1).
        var best: (name: String, quality: Double)?
        for format in formats {
            var chosen: (specificity: Int, quality: Double)?
            for range in ranges {
                let specificity = range.essence == format.mediaType ? 2
                    : range.type == "*" && range.subtype == "*" ? 0
                    : range.subtype == "*" && format.mediaType.hasPrefix(range.type + "/") ? 1 : -1
                if specificity >= 0, chosen == nil || specificity > chosen!.specificity { chosen = (specificity, range.quality) }
            }
            if let chosen, chosen.quality > 0, best == nil || chosen.quality > best!.quality { best = (format.name, chosen.quality) }
        }
        guard let best else {
            throw .notAcceptable("none of the media types in the Accept header ('\(accept ?? "")') can carry a post's RDF; "
                                 + "available: \(formats.map(\.mediaType).joined(separator: ", "))")
        }
        return best.name
    }

    /// The media type a format is sent as.
    static func mediaType(of format: String) -> String {
        let type = formats.first { $0.name == format }?.mediaType ?? "application/octet-stream"
        return type == "application/rdf+xml" || type.hasPrefix("text/") ? type + "; charset=utf-8" : type
    }

    private struct JSONPost: Decodable {
        let text: String?
        let id: String?
        let store: Bool?
    }

    private static func json(_ body: Data) throws(ProtocolError) -> PostExtractionRequest {
        let post: JSONPost
        guard String(data: body, encoding: .utf8) != nil else { throw .badRequest("the body is not UTF-8") }
        do { post = try JSONDecoder().decode(JSONPost.self, from: body) } catch {
            // Which field is wrong, not Foundation's dump of the decoder's state.
            let problem: String
            switch error as? DecodingError {
            case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
                problem = "\"\(context.codingPath.last?.stringValue ?? "")\" has the wrong type"
            default:
                problem = "not valid JSON"
            }
            throw .badRequest("the body is not a JSON object {\"text\": \"…\", \"id\": \"…\", \"store\": true}: \(problem)")
        }
        guard let text = post.text else { throw .badRequest("the JSON post has no \"text\"") }
        return PostExtractionRequest(text: text, id: post.id, store: post.store ?? false)
    }

    /// The form's fields; each may come once.
    static let formFields = ["text", "id", "store", "image"]

    private static func form(_ form: MultipartFormData) throws(ProtocolError) -> PostExtractionRequest {
        for name in formFields {
            let count = form.parts.count { $0.name == name }
            // Which of two images (or texts) was meant cannot be told: neither is picked silently.
            if count > 1 { throw .badRequest("the form has \(count) '\(name)' parts: send one") }
        }
        guard let textPart = form.part(named: "text") else { throw .badRequest("the form has no 'text' field") }
        func string(_ part: MultipartFormData.Part) throws(ProtocolError) -> String {
            guard let value = String(data: part.body, encoding: .utf8) else { throw .badRequest("the form field '\(part.name)' is not UTF-8") }
            return value
        }
        let id = try form.part(named: "id").map(string)
        let store = try form.part(named: "store").map(string).map { value throws(ProtocolError) in try flag(value, name: "store") } ?? false
        // A file input left empty sends its part with no bytes and an empty file name: no image.
        // Any other empty image is an upload that failed, reported like an unusable image.
        let image = form.part(named: "image").flatMap { $0.body.isEmpty && $0.filename == "" ? nil : $0.body }
        return PostExtractionRequest(text: try string(textPart), id: id?.isEmpty == true ? nil : id, image: image, store: store)
    }

    private static func flag(_ value: String, name: String) throws(ProtocolError) -> Bool {
        switch value.lowercased() {
        case "true", "1", "on", "yes": return true
        case "false", "0", "off", "no", "": return false
        default: throw .badRequest("'\(name)' must be true or false, not '\(value)'")
        }
    }
}
