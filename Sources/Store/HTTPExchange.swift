import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request made for LOAD or SERVICE, within the policy: every redirect must stay on the
/// allow-list, the body is cut off past `maxBytes`, and the whole exchange ends within `timeout`.
enum HTTPExchange {
    /// Why an exchange ended without a body to use.
    enum Failure: Error {
        /// The policy forbade where it led (a redirect off the allow-list).
        case refused(String)
        /// The network, the server's status, the size or the time limit.
        case failed(String)
    }

    /// A successful (2xx) response.
    struct Reply {
        let body: Data
        /// The response's Content-Type, if it sent one.
        let mediaType: String?
    }

    /// Sends `request` (its URL already allowed by the caller) and waits for the whole answer.
    static func perform(_ request: URLRequest, policy: RemotePolicy) throws(Failure) -> Reply {
        let download = Download(policy: policy)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = policy.timeout
        configuration.timeoutIntervalForResource = policy.timeout
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        session.dataTask(with: request).resume()
        return try download.wait()
    }
}

/// The delegate of one download: collects the body, enforces the policy, signals the end.
private final class Download: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let policy: RemotePolicy
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    // Guarded by `lock`.
    private var body = Data()
    private var response: HTTPURLResponse?
    private var failure: Error?

    init(policy: RemotePolicy) { self.policy = policy }

    func wait() throws(HTTPExchange.Failure) -> HTTPExchange.Reply {
        finished.wait()
        lock.lock()
        defer { lock.unlock() }
        if let failure {
            throw failure as? HTTPExchange.Failure ?? .failed(reason(failure))
        }
        guard let response, (200..<300).contains(response.statusCode) else {
            let excerpt = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .failed("the server answered \(response?.statusCode ?? 0)" + (excerpt.isEmpty ? "" : ": \(excerpt)"))
        }
        return HTTPExchange.Reply(body: body, mediaType: response.value(forHTTPHeaderField: "Content-Type"))
    }

    /// What went wrong, in words: libcurl's message, but for a time-out, which FoundationNetworking
    /// reports as "The operation could not be completed (NSURLErrorDomain error -1001.)".
    private func reason(_ error: Error) -> String {
        (error as? URLError)?.code == .timedOut ? "no answer within \(Int(policy.timeout)) s" : error.localizedDescription
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
        guard policy.allows(target) else {
            // Declining the redirect ends the task (cancelling it too makes FoundationNetworking trap).
            fail(HTTPExchange.Failure.refused("it was redirected to <\(target)>, which is not on the allow-list"), nil)
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
        if response.expectedContentLength > Int64(policy.maxBytes) {
            fail(HTTPExchange.Failure.failed("the answer is larger than \(policy.maxBytes) bytes"), nil)
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        body.append(data)
        let tooLarge = body.count > policy.maxBytes
        lock.unlock()
        if tooLarge {
            fail(HTTPExchange.Failure.failed("the answer is larger than \(policy.maxBytes) bytes"), dataTask)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        if let error, failure == nil { failure = error }
        lock.unlock()
        finished.signal()
    }
}
