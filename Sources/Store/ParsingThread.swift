import Foundation
import RDFModel

/// Parses on a thread of its own while the caller stores what was parsed before. Parsing (raptor,
/// and the terms made from its statements) is 1.4 s of a 4.9 s load of a million N-Triples, work
/// a second core can do meanwhile. Quads are handed over in batches, at most `capacity` waiting,
/// so memory stays bounded whatever the size of the file.
final class ParsingThread: @unchecked Sendable {  // every mutable field is behind `condition`
    /// Thrown inside the parse to end it when the caller has stopped taking quads.
    private struct Stopped: Error {}

    private let condition = NSCondition()
    private let batchSize: Int
    private let capacity: Int
    private var waiting: [[Quad]] = []
    private var failure: Error?
    private var ended = false
    private var stopped = false

    /// Starts `parse` on a new thread; it hands each quad to the `emit` it is given.
    init(batchSize: Int = 4096, capacity: Int = 16,
         parse: @escaping @Sendable (_ emit: (Quad) throws -> Void) throws -> Void) {
        (self.batchSize, self.capacity) = (batchSize, capacity)
        let thread = Thread { [self] in run(parse) }
        // As much stack as the main thread has: raptor's parsers recurse on nested input.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Hands every quad parsed to `body` on the calling thread, in the order parsed. Throws the
    /// parse's error, or `body`'s (which ends the parse). Returns once the thread has ended.
    func forEach(_ body: (Quad) throws -> Void) throws {
        defer { stop() }
        while let batch = try next() {
            for quad in batch { try body(quad) }
        }
    }

    private func next() throws -> [Quad]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !ended { condition.wait() }
        // A parse error fails the whole load: no need to store what came before it.
        if let failure { throw failure }
        guard !waiting.isEmpty else { return nil }
        condition.broadcast()
        return waiting.removeFirst()
    }

    private func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while !ended { condition.wait() }
    }

    private func run(_ parse: (_ emit: (Quad) throws -> Void) throws -> Void) {
        var batch: [Quad] = []
        batch.reserveCapacity(batchSize)
        var failure: Error?
        do {
            try parse { quad in
                batch.append(quad)
                if batch.count == batchSize { try hand(&batch) }
            }
            if !batch.isEmpty { try hand(&batch) }
        } catch is Stopped {
        } catch {
            failure = error
        }
        condition.lock()
        (self.failure, ended) = (failure, true)
        condition.broadcast()
        condition.unlock()
    }

    private func hand(_ batch: inout [Quad]) throws {
        condition.lock()
        while waiting.count >= capacity && !stopped { condition.wait() }
        let stopped = stopped
        if !stopped {
            waiting.append(batch)
            condition.broadcast()
        }
        condition.unlock()
        if stopped { throw Stopped() }
        batch = []
        batch.reserveCapacity(batchSize)
    }
}
