import Foundation
import HTTPTypes
import Hummingbird
import SPARQLProtocol

extension Response {
    /// The Hummingbird response for a framework-free `ProtocolResponse`.
    init(_ answer: ProtocolResponse) {
        var headers = HTTPFields()
        for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        self.init(status: HTTPResponse.Status(code: answer.status), headers: headers,
                  body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// A `text/plain` message.
    static func text(_ status: Int, _ message: String) -> Response {
        Response(ProtocolResponse(status: status, message: message))
    }
}
