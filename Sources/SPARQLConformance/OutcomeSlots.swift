import Foundation

/// Thread-safe storage for outcomes that worker threads finish in any order.
final class OutcomeSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [TestOutcome?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ outcome: TestOutcome, at index: Int) {
        lock.withLock { slots[index] = outcome }
    }

    /// Every stored outcome, in index order.
    var all: [TestOutcome] {
        lock.withLock { slots.compactMap { $0 } }
    }

    /// Hands out indices 0, 1, 2, … to worker threads, each exactly once.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0

        func take(below limit: Int) -> Int? {
            lock.withLock {
                guard next < limit else { return nil }
                defer { next += 1 }
                return next
            }
        }
    }
}
