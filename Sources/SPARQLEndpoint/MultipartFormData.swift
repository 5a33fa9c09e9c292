import Foundation
import SPARQLProtocol

/// The parts of a `multipart/form-data` body (RFC 7578), as browsers send a form with a file:
/// each part's field name, file name (if any) and bytes. Only what `POST /extract` needs: no
/// nested multiparts, no `Content-Transfer-Encoding` (RFC 7578 §4.7 deprecates it).
struct MultipartFormData {
    struct Part {
        let name: String
        let filename: String?
        let body: Data
    }

    let parts: [Part]

    /// Splits `body` at the `boundary` of `contentType` (`multipart/form-data; boundary=…`).
    init(body: Data, contentType: MediaRange) throws(ProtocolError) {
        guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 70 else {
            throw .badRequest("multipart/form-data without a boundary parameter")
        }
        let delimiter = Data("--\(boundary)".utf8), lineBreak = Data("\r\n".utf8)
        var parts: [Part] = []
        guard var cursor = body.range(of: delimiter)?.upperBound else {
            throw .badRequest("the multipart body has no part delimited by its boundary")
        }
        while true {
            // After a delimiter: "--" ends the body, a line break starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: lineBreak) else { throw .badRequest("malformed multipart body after a boundary") }
            let partStart = cursor + lineBreak.count
            guard let next = body.range(of: lineBreak + delimiter, in: partStart..<body.endIndex) else {
                throw .badRequest("the multipart body ends without its closing boundary")
            }
            parts.append(try Self.part(body[partStart..<next.lowerBound]))
            cursor = next.upperBound
        }
        self.parts = parts
    }

    /// The first part named `name`.
    func part(named name: String) -> Part? { parts.first { $0.name == name } }

    /// One part: header lines up to an empty line, then the content.
    private static func part(_ bytes: Data) throws(ProtocolError) -> Part {
        let separator = Data("\r\n\r\n".utf8)
        let headerEnd: Range<Data.Index>
        if bytes.starts(with: Data("\r\n".utf8)) {
            headerEnd = bytes.startIndex..<bytes.startIndex + 2  // a part without header lines
        } else if let end = bytes.range(of: separator) {
            headerEnd = end
        } else {
            throw .badRequest("a multipart part has no blank line after its headers")
        }
        let headers = String(decoding: bytes[bytes.startIndex..<headerEnd.lowerBound], as: UTF8.self)
        var name: String?, filename: String?
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            name = parameter("name", in: line)
            filename = parameter("filename", in: line)
        }
        guard let name else { throw .badRequest("a multipart part has no Content-Disposition name") }
        return Part(name: name, filename: filename, body: Data(bytes[headerEnd.upperBound...]))
    }

    /// A `key="value"` (or unquoted) parameter of a Content-Disposition line.
    private static func parameter(_ key: String, in line: Substring) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
