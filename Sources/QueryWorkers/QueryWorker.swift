import Foundation
import SPARQLProtocol
import Store

/// The loop of one worker process (`coatt serve-worker`): opens the store once, then reads
/// requests from the pool and writes one reply for each, until the pool closes the pipe.
///
/// Its first frame (sequence 0) says whether the store opened: an `.ok` reply, or `.failed` with
/// the reason, so the pool can report a bad store path before it serves anything. One process
/// runs one request at a time on its main thread: Redland never sees a second thread.
public enum QueryWorker {
    /// Serves requests from `requestFD` to `replyFD`; returns the process's exit status.
    /// - Parameters:
    ///   - maxRows: most solutions (or triples) a reply may carry.
    ///   - policy: what SPARQL Update's LOAD may fetch and SERVICE may ask.
    ///   - extraction: loads the `POST /extract` service over the opened store (before the
    ///     greeting, so a model that cannot load stops the endpoint from starting); nil: no extraction.
    public static func serve(store location: StoreLocation, maxRows: Int, policy: RemotePolicy,
                             extraction: ((Store) throws -> any PostExtractionService)? = nil,
                             requestFD: Int32, replyFD: Int32) -> Int32 {
        let executor: RequestExecutor
        do {
            let store = try WorkerStore(location)
            store.store.remotePolicy = policy
            executor = RequestExecutor(store: store, maxRows: maxRows, policy: policy,
                                       extraction: try extraction.map { try $0(store.store) })
        } catch {
            send(EndpointReply(status: .failed, message: "cannot start the worker over \(location.description): \(error)"),
                 sequence: 0, to: replyFD)
            return 1
        }
        // A process's first query pays for setting up rasqal, SQLite's statements and the results
        // writer (about 7 ms, several point lookups); paid before the greeting, it counts against
        // no request's time, nor makes a lookup look long to the pool. The join also prepares
        // the statement of a pattern with a bound subject.
        _ = executor.execute(EndpointRequest(operation: .query("SELECT * { ?s ?p ?o . ?s ?q ?r } LIMIT 1"),
                                             acceptable: ["application/sparql-results+json"]))
        guard send(EndpointReply(status: .ok), sequence: 0, to: replyFD) else { return 1 }
        while true {
            let frame: (sequence: UInt64, payload: Data)
            do {
                guard let next = try FrameIO.read(from: requestFD) else { return 0 }  // the pool is done with us
                frame = next
            } catch {
                return 1
            }
            let reply: EndpointReply
            do {
                reply = executor.execute(try WireCoding.decodeRequest(frame.payload))
            } catch {
                reply = EndpointReply(status: .failed, message: "the worker could not decode the request: \(error)")
            }
            guard send(reply, sequence: frame.sequence, to: replyFD) else { return 1 }
        }
    }

    /// Writes one reply frame; false when the pool is gone.
    @discardableResult
    private static func send(_ reply: EndpointReply, sequence: UInt64, to fd: Int32) -> Bool {
        let payload = WireCoding.encodeReply(reply)
        do {
            try FrameIO.write(payload, sequence: sequence, to: fd)
            return true
        } catch {
            return false
        }
    }
}
