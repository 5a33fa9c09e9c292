/// Which workers may run a request: the readers (queries, Graph Store GET) or the one writer.
enum WorkerRole: Sendable {
    case reader, writer
}

/// Hands idle workers to requests, first come first served, and knows when none is in flight.
///
/// A worker is handed to one request at a time and comes back through `release`, either itself
/// or, when it was killed or died, its replacement, so a request can never read another
/// request's reply from a shared worker.
actor WorkerScheduler {
    /// What `acquire` gives a request.
    enum Admission {
        case worker(WorkerProcess)
        /// The wait queue of this role is full.
        case busy
        /// The pool is shutting down.
        case closed
        /// The request was cancelled while it waited in line.
        case cancelled
    }

    /// A request in line: its number, to find it when it is cancelled, and where its worker goes.
    private struct Waiter {
        let ticket: UInt64
        let continuation: CheckedContinuation<WorkerProcess?, Never>
    }

    private struct Lane {
        var idle: [WorkerProcess] = []
        var waiting: [Waiter] = []
    }

    private var lanes: [WorkerRole: Lane] = [.reader: Lane(), .writer: Lane()]
    private let queueLimit: Int
    private var closing = false
    /// Requests admitted (running or waiting) and not yet released.
    private var admitted = 0
    private var nextTicket: UInt64 = 0
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []

    init(readers: [WorkerProcess], writer: WorkerProcess, queueLimit: Int) {
        lanes[.reader]?.idle = readers
        lanes[.writer]?.idle = [writer]
        self.queueLimit = queueLimit
    }

    /// Whether requests are still admitted.
    var isOpen: Bool { !closing }

    /// A free worker of `role`, waiting in line for one when all are busy. A request cancelled
    /// while it waits leaves the line at once (a client that left holds no place in it).
    func acquire(_ role: WorkerRole, cancellation: RequestCancellation) async -> Admission {
        guard !closing else { return .closed }
        guard !cancellation.isCancelled else { return .cancelled }
        if let worker = lanes[role]?.idle.popLast() {
            admitted += 1
            return .worker(worker)
        }
        guard lanes[role, default: Lane()].waiting.count < queueLimit else { return .busy }
        admitted += 1
        let ticket = nextTicket
        nextTicket += 1
        let worker = await withCheckedContinuation { continuation in
            lanes[role]?.waiting.append(Waiter(ticket: ticket, continuation: continuation))
            // The abandoning task reaches the actor only after this waiter is in line.
            let leave: @Sendable () -> Void = { Task { await self.abandon(ticket, as: role) } }
            if !cancellation.onCancel(leave) { leave() }
        }
        cancellation.finish()
        return worker.map { .worker($0) } ?? .cancelled
    }

    /// Takes a cancelled request out of the line, unless a worker has reached it already.
    private func abandon(_ ticket: UInt64, as role: WorkerRole) {
        guard let index = lanes[role]?.waiting.firstIndex(where: { $0.ticket == ticket }),
              let waiter = lanes[role]?.waiting.remove(at: index) else { return }
        waiter.continuation.resume(returning: nil)
        releaseWithoutWorker()
    }

    /// Ends a request: its worker (or the worker's replacement) serves the next one in line.
    func release(_ worker: WorkerProcess, as role: WorkerRole) {
        admitted -= 1
        add(worker, as: role)
        if closing && admitted == 0 { resumeDrainWaiters() }
    }

    /// Ends a request whose worker is gone and could not be replaced (yet).
    func releaseWithoutWorker() {
        admitted -= 1
        if closing && admitted == 0 { resumeDrainWaiters() }
    }

    /// Adds a worker that replaces a lost one; false when the pool has closed meanwhile (the
    /// caller then stops it).
    func addReplacement(_ worker: WorkerProcess, as role: WorkerRole) -> Bool {
        guard !closing else { return false }
        add(worker, as: role)
        return true
    }

    /// Adds a (new or freed) worker: to the first request in line, else to the idle ones.
    private func add(_ worker: WorkerProcess, as role: WorkerRole) {
        if lanes[role]?.waiting.isEmpty == false, let next = lanes[role]?.waiting.removeFirst() {
            next.continuation.resume(returning: worker)
        } else {
            lanes[role]?.idle.append(worker)
        }
    }

    /// Refuses new requests, waits until every admitted one (running or in line) has finished,
    /// and hands back all workers, which the scheduler forgets.
    func close() async -> [WorkerProcess] {
        closing = true
        if admitted > 0 { await withCheckedContinuation { drainWaiters.append($0) } }
        let workers = lanes.values.flatMap(\.idle)
        for role in lanes.keys { lanes[role]?.idle.removeAll() }
        return workers
    }

    private func resumeDrainWaiters() {
        for waiter in drainWaiters { waiter.resume() }
        drainWaiters.removeAll()
    }
}
