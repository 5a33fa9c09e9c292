import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A document LOAD fetched over HTTP(S), within the policy: every IRI it reaches, redirects
/// included, must be allowed, and the body is cut off past `maxLoadBytes`.
struct RemoteDocument {
    let data: Data
    /// The response's Content-Type, if it sent one.
    let mediaType: String?

    /// Fetches `iri` (already checked against the allow-list by the caller).
    /// - Throws: `UpdateRefused` for a redirect outside the allow-list; `UpdateError` when the
    ///   document cannot be fetched (status, size, time, network).
    static func fetch(_ iri: String, policy: UpdatePolicy) throws -> RemoteDocument {
        guard let url = URL(string: iri) else { throw UpdateError("LOAD <\(iri)>: not a URL") }
        let download = Download(policy: policy)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = policy.loadTimeout
        configuration.timeoutIntervalForResource = policy.loadTimeout
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        var request = URLRequest(url: url)
        request.setValue("text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8", forHTTPHeaderField: "Accept")
        session.dataTask(with: request).resume()
        return try download.wait(for: iri)
    }
}

/// The delegate of one download: collects the body, enforces the policy, signals the end.
private final class Download: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let policy: UpdatePolicy
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    // Guarded by `lock`.
    private var body = Data()
    private var response: HTTPURLResponse?
    private var failure: Error?

    init(policy: UpdatePolicy) { self.policy = policy }

    func wait(for iri: String) throws -> RemoteDocument {
        finished.wait()
        lock.lock()
        defer { lock.unlock() }
        if let failure {
            if failure is UpdateRefused || failure is UpdateError { throw failure }
            throw UpdateError("LOAD <\(iri)>: \(failure.localizedDescription)")
        }
        guard let response, (200..<300).contains(response.statusCode) else {
            throw UpdateError("LOAD <\(iri)>: the server answered \(response?.statusCode ?? 0)")
        }
        return RemoteDocument(data: body, mediaType: response.value(forHTTPHeaderField: "Content-Type"))
    }

    /// Records the first failure; cancels the task unless the caller ends it itself.
    private func fail(_ error: Error, _ task: URLSessionTask?) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
        task?.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        let target = request.url?.absoluteString ?? ""
        guard policy.allowsLoad(of: target) else {
            // Declining the redirect ends the task (cancelling it too makes FoundationNetworking trap).
            fail(UpdateRefused("LOAD was redirected to <\(target)>, which is not on the allow-list"), nil)
            completionHandler(nil)
            return
        }
        completionHandler(request)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        lock.lock()
        self.response = response as? HTTPURLResponse
        lock.unlock()
        if response.expectedContentLength > Int64(policy.maxLoadBytes) {
            fail(UpdateError("LOAD <\(response.url?.absoluteString ?? "")>: the document is larger than \(policy.maxLoadBytes) bytes"), nil)
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        body.append(data)
        let tooLarge = body.count > policy.maxLoadBytes
        lock.unlock()
        if tooLarge {
            fail(UpdateError("LOAD <\(dataTask.originalRequest?.url?.absoluteString ?? "")>: the document is larger than \(policy.maxLoadBytes) bytes"), dataTask)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        if let error, failure == nil { failure = error }
        lock.unlock()
        finished.signal()
    }
}
