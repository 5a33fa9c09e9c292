import Foundation

/// Blocking requests to other servers, a few at a time, each on a thread of its own (a request
/// spends its time waiting for the network, not on a core). They start in order, so an answer
/// comes no later than if each had waited for the one before it.
enum ConcurrentRequests {
    /// The result of each of `count` requests, in order. After a failure no further request
    /// starts unless `continueAfterFailure`; those never started are nil.
    static func perform<T: Sendable>(_ count: Int, width: Int, continueAfterFailure: Bool,
                                     _ request: @escaping @Sendable (Int) throws -> T) -> [Result<T, any Error>?] {
        let state = State<T>(count: count, continueAfterFailure: continueAfterFailure)
        @Sendable func work() {
            while let index = state.next() {
                state.record(Result { try request(index) }, at: index)
            }
        }
        let group = DispatchGroup()
        for _ in 1..<max(1, min(width, count)) {
            group.enter()
            Thread {
                work()
                group.leave()
            }.start()
        }
        work()
        group.wait()
        return state.results
    }

    /// Which request is next, and the results so far.
    private final class State<T: Sendable>: @unchecked Sendable {  // every access holds `lock`
        private let lock = NSLock()
        private let continueAfterFailure: Bool
        private var started = 0, failed = false
        private var recorded: [Result<T, any Error>?]

        init(count: Int, continueAfterFailure: Bool) {
            recorded = Array(repeating: nil, count: count)
            self.continueAfterFailure = continueAfterFailure
        }

        func next() -> Int? {
            lock.withLock {
                guard started < recorded.count, continueAfterFailure || !failed else { return nil }
                started += 1
                return started - 1
            }
        }

        func record(_ result: Result<T, any Error>, at index: Int) {
            lock.withLock {
                recorded[index] = result
                if case .failure = result { failed = true }
            }
        }

        var results: [Result<T, any Error>?] { lock.withLock { recorded } }
    }
}
