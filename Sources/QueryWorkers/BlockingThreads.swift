import Foundation

/// Threads for blocking work (pipe I/O, waiting for processes), kept for the next piece of work
/// instead of one new thread each: starting a thread took about 30 µs of a point lookup's
/// 0.6 ms at the endpoint. Every piece of work starts at once, on an idle thread or a new one, as
/// a thread per piece did: a request waiting for its worker never waits for another request.
final class BlockingThreads: @unchecked Sendable {
    static let shared = BlockingThreads(keepingIdle: 16)

    /// An idle thread: the work handed to it, and the signal that it is there.
    private final class Slot: @unchecked Sendable {  // `work` is handed over through `ready`
        let ready = DispatchSemaphore(value: 0)
        var work: (@Sendable () -> Void)?
    }

    private let lock = NSLock()
    private var idle: [Slot] = []
    private let keepingIdle: Int

    /// - Parameter keepingIdle: how many idle threads wait for work; more end.
    init(keepingIdle: Int) { self.keepingIdle = keepingIdle }

    /// Runs `work` at once on a thread of its own.
    func run(_ work: @escaping @Sendable () -> Void) {
        lock.lock()
        let slot = idle.popLast()
        lock.unlock()
        guard let slot else {
            Thread { self.serve(first: work) }.start()
            return
        }
        slot.work = work
        slot.ready.signal()
    }

    private func serve(first: @escaping @Sendable () -> Void) {
        let slot = Slot()
        var next: (@Sendable () -> Void)? = first
        while let work = next {
            work()
            lock.lock()
            guard idle.count < keepingIdle else {
                lock.unlock()
                return
            }
            idle.append(slot)
            lock.unlock()
            slot.ready.wait()
            next = slot.work
            slot.work = nil
        }
    }
}

/// Runs blocking work on a thread of `BlockingThreads`, never on the cooperative pool, whose few
/// threads must stay free for the server.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        BlockingThreads.shared.run { continuation.resume(returning: work()) }
    }
}
