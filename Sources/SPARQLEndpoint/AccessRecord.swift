import Foundation
import Hummingbird
import SPARQLProtocol

/// What a handler learnt about its request that the access log needs (the operation and the
/// result rows), shared by reference between the logging middleware and the handler.
final class AccessRecord: @unchecked Sendable {  // every field is behind `lock`
    private let lock = NSLock()
    private var _operation = "other"
    private var _count: Int?

    /// `query`, `update`, `graph-get`, …, or `invalid` for a request refused before it was understood.
    var operation: String {
        get { lock.withLock { _operation } }
        set { lock.withLock { _operation = newValue } }
    }

    /// Result rows of a query or triples changed by a write, when a worker said.
    var count: Int? {
        get { lock.withLock { _count } }
        set { lock.withLock { _count = newValue } }
    }
}

/// The request context of the endpoint: Hummingbird's core plus this request's `AccessRecord`
/// and the connection it came on.
struct EndpointRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let access = AccessRecord()
    let connection: ClientConnection

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        connection = ClientConnection(source)
    }
}

extension EndpointOperation {
    /// The operation's name in logs and metric labels.
    var label: String {
        switch self {
        case .query: return "query"
        case .update: return "update"
        case .graphGet: return "graph-get"
        case .graphPut: return "graph-put"
        case .graphPost: return "graph-post"
        case .graphDelete: return "graph-delete"
        }
    }
}
