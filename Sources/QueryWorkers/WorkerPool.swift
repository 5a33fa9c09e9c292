import Foundation
import SPARQLProtocol

/// Pre-spawned worker processes that run SPARQL requests, so that no Redland or rasqal code ever
/// runs in the server process (REDLAND.md §5: not thread-safe, no cancellation, crashes).
///
/// Readers run queries in parallel (SQLite in WAL mode: each worker opens the store itself); the
/// one writer runs writes one at a time. A request that outlives the timeout has its worker
/// SIGKILLed and answers `.timeout`; a worker that dies during a request answers `.crashed` for
/// that request only. Either way a fresh worker takes the old one's place.
public final class WorkerPool: Sendable {
    private let configuration: WorkerPoolConfiguration
    private let events: @Sendable (WorkerEvent) -> Void
    private let scheduler: WorkerScheduler
    private let precedence = RequestPrecedence()

    /// Spawns the workers; throws when one cannot start (a bad store path: the worker's message).
    public init(_ configuration: WorkerPoolConfiguration,
                events: @escaping @Sendable (WorkerEvent) -> Void = { _ in }) async throws {
        // Writing to a worker that just died must fail with EPIPE, not kill the server.
        signal(SIGPIPE, SIG_IGN)
        self.configuration = configuration
        self.events = events
        var workers: [WorkerProcess] = []
        do {
            // The readers, then the writer.
            for _ in 0...max(1, configuration.readers) { workers.append(try Self.spawn(configuration)) }
        } catch {
            await Self.stopAll(workers)
            throw error
        }
        let deadline = ContinuousClock.now + configuration.startupLimit
        let started = workers
        let failures = await onOwnThread {
            started.compactMap { worker -> String? in
                switch worker.awaitGreeting(deadline: deadline) {
                case nil: return nil
                case .startFailed(let message)?: return message
                case .timedOut?: return "the worker did not start (open the store, load its model) within \(Self.seconds(configuration.startupLimit))"
                default: return "the worker did not start"
                }
            }
        }
        if let failure = failures.first {
            await Self.stopAll(workers)
            throw WorkerStartFailure(failure)
        }
        scheduler = WorkerScheduler(readers: Array(workers.dropLast()), writer: workers[workers.count - 1],
                                    queueLimit: configuration.queueLimit)
    }

    /// Runs one request on a free worker (writes: on the single writer, one at a time). Never
    /// throws: timeouts, crashes and failures come back as `EndpointReply` statuses. Cancelling
    /// `cancellation`, or the calling task, stops the request (it leaves the line, or its worker
    /// is killed and replaced and a write rolled back) and answers `.failed`.
    public func execute(_ request: EndpointRequest, cancellation: RequestCancellation = RequestCancellation()) async -> EndpointReply {
        await execute(.sparql(request), cancellation: cancellation)
    }

    /// Runs the entity extraction of one post like `execute(_:cancellation:)` runs a SPARQL
    /// request: on a reader, or on the writer when it stores the post; within the same time limit.
    public func extract(_ request: PostExtractionRequest, cancellation: RequestCancellation = RequestCancellation()) async -> EndpointReply {
        await execute(.extract(request), cancellation: cancellation)
    }

    /// The answer to a request whose caller cancelled it, in line or on a worker.
    private static let cancelledReply = EndpointReply(status: .failed, message: "the request was cancelled")

    private func execute(_ request: WorkerRequest, cancellation: RequestCancellation) async -> EndpointReply {
        await withTaskCancellationHandler {
            await run(request, cancellation: cancellation)
        } onCancel: {
            cancellation.cancel()
        }
    }

    private func run(_ request: WorkerRequest, cancellation: RequestCancellation) async -> EndpointReply {
        let role: WorkerRole = request.writes ? .writer : .reader
        let payload = WireCoding.encodeRequest(request)
        let worker: WorkerProcess
        switch await scheduler.acquire(role, cancellation: cancellation) {
        case .worker(let free): worker = free
        case .busy: return EndpointReply(status: .failed, message: "server busy: too many requests are waiting; try again later")
        case .closed: return EndpointReply(status: .failed, message: "the server is shutting down")
        case .cancelled: return Self.cancelledReply
        }
        // Extraction is bounded work per post (only the time limit applies); demoting it would
        // replace the worker — and reload its tagger — after every post where priorities cannot
        // be raised back (without CAP_SYS_NICE). It neither yields to nor pauses queries.
        let demotes: Bool
        if case .extract = request { demotes = false } else { demotes = true }
        let (reply, next) = await onOwnThread { [self] in serve(payload, on: worker, demotes: demotes, cancellation: cancellation) }
        if let next, next === worker {
            await scheduler.release(next, as: role)
        } else if let next {
            // A replacement joins the others once it has started up, so that no request waits
            // for its start-up while a started worker is free.
            Task { [self] in
                let limit = configuration.startupLimit
                let started = await onOwnThread {
                    // At SCHED_IDLE a new worker starts in time next to a free core, but would
                    // starve on a busy machine.
                    if !next.greetingArrives(within: .milliseconds(50)) { next.raiseStartupPriority() }
                    return next.awaitGreeting(deadline: .now + limit) == nil
                }
                if started {
                    await scheduler.release(next, as: role)
                } else {
                    await onOwnThread { next.terminate() }
                    await scheduler.releaseWithoutWorker()
                    respawnLater(role)
                }
            }
        } else {
            await scheduler.releaseWithoutWorker()
            respawnLater(role)
        }
        return reply
    }

    /// Asks the kernel for short time slices (0.1 ms) for every thread of this process and the
    /// workers it will start, so a short request's thread that wakes up next to a long query
    /// gets the core within that time (Linux 6.12+; earlier kernels ignore it). Call it at
    /// start, before the pool is made. Returns false when the kernel refused.
    @discardableResult
    public static func requestShortTimeSlices() -> Bool {
        ProcessPriority.requestSlices(microseconds: 100)
    }

    /// Refuses new requests, waits for in-flight (and queued) ones, then ends every worker.
    public func shutdown() async {
        await Self.stopAll(await scheduler.close())
    }

    // MARK: Running a request

    /// Runs the exchange and, when the worker was lost, replaces it. Blocks. Returns the reply
    /// and the worker that now takes this one's place (nil when none could be started).
    /// - demotes: once the request has run past `demoteAfter`, it yields to short requests
    ///   (``RequestPrecedence``).
    private func serve(_ payload: Data, on first: WorkerProcess, demotes: Bool,
                       cancellation: RequestCancellation) -> (EndpointReply, WorkerProcess?) {
        let cancelled = Self.cancelledReply
        var worker = first
        var attempts = 0
        while true {
            attempts += 1
            guard cancellation.start(on: worker) else { return (cancelled, worker) }
            // The clock for demotion starts once the worker has started up (and so has its priority back).
            let outcome: WorkerProcess.Outcome
            var restored = true
            if let failure = worker.awaitGreeting(deadline: .now + configuration.startupLimit) {
                outcome = failure
            } else {
                let ticket = demotes ? precedence.begin(on: worker, longAfter: configuration.demoteAfter) : nil
                outcome = worker.exchange(payload, timeout: configuration.timeout)
                // A worker that did not answer is replaced: it dies at its low priority, not after
                // getting its CPU share back.
                if case .reply = outcome {} else { worker.kill() }
                restored = ticket.map(precedence.finish) ?? true
            }
            cancellation.finish()
            let reply: EndpointReply
            switch outcome {
            case .reply(let answer):
                guard !restored else { return (answer, worker) }
                // A worker left at low priority would slow every later request it takes.
                worker.terminate()
                let replacement = try? Self.spawn(configuration)
                if replacement != nil { events(.restarted) }
                return (answer, replacement)
            case _ where cancellation.isCancelled:
                reply = cancelled
            case .timedOut:
                events(.timedOut)
                reply = EndpointReply(status: .timeout, message: "the request ran past the time limit of "
                                      + "\(Self.seconds(configuration.timeout)) and was stopped")
            case .died(let how):
                events(.crashed)
                reply = EndpointReply(status: .crashed, message: "the request's worker process ended before answering: \(how). Nothing was changed by it.")
            case .undelivered:
                reply = EndpointReply(status: .failed, message: "the worker was gone before it got the request")
            case .startFailed(let message):
                reply = EndpointReply(status: .failed, message: "the worker could not start: \(message)")
            }
            worker.terminate()
            guard let replacement = try? Self.spawn(configuration) else { return (reply, nil) }
            events(.restarted)
            // A worker that died while idle never saw the request: give it to the replacement.
            guard case .undelivered = outcome, attempts < 2, !cancellation.isCancelled else { return (reply, replacement) }
            worker = replacement
        }
    }

    private static func spawn(_ configuration: WorkerPoolConfiguration) throws -> WorkerProcess {
        try WorkerProcess(executable: configuration.executable, arguments: configuration.workerArguments)
    }

    /// Keeps trying, once a second, to start a worker that could not be replaced at once.
    private func respawnLater(_ role: WorkerRole) {
        Task { [self] in
            while await scheduler.isOpen {
                try? await Task.sleep(for: .seconds(1))
                if let worker = try? Self.spawn(configuration) {
                    if await scheduler.addReplacement(worker, as: role) {
                        events(.restarted)
                    } else {
                        await Self.stopAll([worker])
                    }
                    return
                }
            }
        }
    }

    /// Closes every worker's request pipe (each exits at the end of its input), then kills those
    /// still running after a grace period.
    private static func stopAll(_ workers: [WorkerProcess]) async {
        await onOwnThread {
            for worker in workers { worker.closePipes() }
            for worker in workers { worker.stop(grace: .seconds(5)) }
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = duration.inSeconds
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
