import Foundation

/// A process whose CPU use the pool can lower and pause: a worker.
protocol PausableProcess: AnyObject, Sendable {
    /// Sends `signal` unless the process has already been collected.
    func send(_ signal: Int32)
    /// Moves it to SCHED_IDLE; what it had, or nil when that failed.
    func lowerPriority() -> ProcessPriority.Saved?
    /// Gives it `saved` back; false when not permitted.
    func restorePriority(_ saved: ProcessPriority.Saved) -> Bool
    /// The CPU time it has used, in seconds (nil when it cannot be read).
    func cpuSeconds() -> Double?
}

/// Gives short requests the CPU before long ones (least-attained-service first).
///
/// A request becomes long once its worker has spent a threshold of CPU time on it (CPU time, not
/// wall time: a lookup that waited for a core under load is still short). Its worker then moves to SCHED_IDLE
/// and, while short requests are in flight, is stopped (SIGSTOP); it continues (SIGCONT) once no
/// short request has been in flight for `resumeDelay`. SCHED_IDLE alone was not enough on two
/// cores: a wake-up that lands on a runaway's core still waits for it to be switched out, which
/// doubled the point lookups' p99; and continuing a runaway in every sub-millisecond gap between
/// one client's lookups (no delay) was worse still. So that a long request is never starved
/// outright (nor a short one that was slow to start and counted as long), one paused for
/// `longestPause` runs at its own priority until it has had `relief` of CPU time (at most 25 ×
/// `relief` of wall time) before it may be paused again.
final class RequestPrecedence: @unchecked Sendable {
    /// One request's place: short until its threshold passes, then long.
    final class Ticket: @unchecked Sendable {
        fileprivate let process: PausableProcess
        /// The worker's CPU time when the request started.
        fileprivate let cpuAtStart: Double?
        fileprivate var isLong = false
        fileprivate var finished = false
        /// The scheduling policy to give back, once lowered.
        fileprivate var originalPolicy: ProcessPriority.Saved?

        fileprivate init(_ process: PausableProcess) {
            self.process = process
            cpuAtStart = process.cpuSeconds()
        }
    }

    /// What the long requests are doing.
    private enum Phase { case running, paused, relieved }

    private let resumeDelay: Double
    private let longestPause: Double
    private let relief: Double
    private let lock = NSLock()
    private var shortInFlight = 0
    private var long: [Ticket] = []
    private var phase = Phase.running
    /// Bumped at every phase change, so a timer set for an earlier phase does nothing.
    private var phaseChanges = 0
    /// Bumped whenever the last short request ends, so a delayed resumption knows whether
    /// another short request came (and went) in between.
    private var quietMoments = 0

    /// Times in seconds: the quiet time after which paused long requests continue, the longest
    /// pause, and the CPU time of the run that follows it.
    init(resumeDelay: Double = 0.002, longestPause: Double = 0.5, relief: Double = 0.002) {
        self.resumeDelay = resumeDelay
        self.longestPause = longestPause
        self.relief = relief
    }

    /// Registers a request now starting on `process`; it becomes long once `process` has spent
    /// `threshold` of CPU time on it.
    func begin(on process: PausableProcess, longAfter threshold: Duration) -> Ticket {
        let ticket = Ticket(process)
        lock.withLock {
            shortInFlight += 1
            if !long.isEmpty { pause() }
        }
        checkUse(of: ticket, threshold: threshold.inSeconds, in: threshold.inSeconds)
        return ticket
    }

    /// Ends the request. Returns false when its worker stays at low priority because the policy
    /// could not be raised again (that needs CAP_SYS_NICE): the caller then replaces the worker.
    func finish(_ ticket: Ticket) -> Bool {
        lock.withLock {
            ticket.finished = true
            guard ticket.isLong else {
                shortInFlight -= 1
                if shortInFlight == 0 && phase == .paused { resumeWhenQuiet() }
                return true
            }
            long.removeAll { $0 === ticket }
            if long.isEmpty { change(to: .running) }
            // It may have been stopped just after it replied (a worker that timed out is killed next).
            ticket.process.send(SIGCONT)
            guard let original = ticket.originalPolicy else { return true }
            return ticket.process.restorePriority(original)
        }
    }

    /// Looks at the ticket's CPU use after `delay` (wall time, which is at least the CPU time to
    /// come): long once it reaches `threshold`, else looks again when it could have.
    private func checkUse(of ticket: Ticket, threshold: Double, in delay: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
            lock.withLock {
                guard !ticket.finished else { return }
                // Without a CPU clock to read, wall time stands in for it.
                let used = ticket.cpuAtStart.flatMap { start in ticket.process.cpuSeconds().map { $0 - start } } ?? threshold
                if used >= threshold {
                    becomeLong(ticket)
                } else {
                    checkUse(of: ticket, threshold: threshold, in: max(threshold - used, 0.001))
                }
            }
        }
    }

    // MARK: Under the lock

    private func becomeLong(_ ticket: Ticket) {
        guard !ticket.finished else { return }
        ticket.isLong = true
        ticket.originalPolicy = ticket.process.lowerPriority()
        long.append(ticket)
        shortInFlight -= 1
        if phase == .paused {
            ticket.process.send(SIGSTOP)
            if shortInFlight == 0 { resumeWhenQuiet() }
        } else if shortInFlight > 0 {
            pause()
        }
    }

    /// Stops the long requests (unless they are paused already or in their relief run).
    private func pause() {
        guard phase == .running else { return }
        change(to: .paused)
        for ticket in long { ticket.process.send(SIGSTOP) }
        after(longestPause, unlessPhaseChanges: true) { [self] in
            // At its own priority: at SCHED_IDLE a relief run gets nothing on a saturated machine.
            change(to: .relieved)
            let started = long.map { (ticket: $0, cpu: $0.process.cpuSeconds()) }
            for ticket in long {
                if let original = ticket.originalPolicy { _ = ticket.process.restorePriority(original) }
                ticket.process.send(SIGCONT)
            }
            endRelief(once: started, haveHad: relief, orBy: .now() + 25 * relief, checkingIn: relief)
        }
    }

    /// Ends the relief run once each of `started` has had `cpu` seconds of CPU time in it (on a
    /// busy machine that takes longer than `cpu` seconds), or at `deadline`.
    private func endRelief(once started: [(ticket: Ticket, cpu: Double?)], haveHad cpu: Double, orBy deadline: DispatchTime,
                           checkingIn delay: Double) {
        after(delay, unlessPhaseChanges: true) { [self] in
            let served = started.allSatisfy { ticket, start in
                guard !ticket.finished, let start, let now = ticket.process.cpuSeconds() else { return true }
                return now - start >= cpu
            }
            guard served || DispatchTime.now() >= deadline else {
                return endRelief(once: started, haveHad: cpu, orBy: deadline, checkingIn: 0.001)
            }
            change(to: .running)
            for ticket in long where ticket.originalPolicy != nil { _ = ticket.process.lowerPriority() }
            if shortInFlight > 0 && !long.isEmpty { pause() }
        }
    }

    private func resumeWhenQuiet() {
        quietMoments += 1
        let moment = quietMoments
        after(resumeDelay, unlessPhaseChanges: false) { [self] in
            guard phase == .paused, shortInFlight == 0, quietMoments == moment else { return }
            change(to: .running)
            for ticket in long { ticket.process.send(SIGCONT) }
        }
    }

    private func change(to next: Phase) {
        phase = next
        phaseChanges += 1
    }

    /// Runs `action` under the lock after `seconds`; not at all if `unlessPhaseChanges` and the
    /// phase has changed since.
    private func after(_ seconds: Double, unlessPhaseChanges: Bool, _ action: @escaping @Sendable () -> Void) {
        let expected = phaseChanges
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.withLock {
                guard !unlessPhaseChanges || phaseChanges == expected else { return }
                action()
            }
        }
    }
}
