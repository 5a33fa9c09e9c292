import Foundation
import SPARQLProtocol

/// One worker process (`coatt serve-worker …`) and the two pipes the pool talks to it on.
///
/// Started with posix_spawn, never fork: the server is multi-threaded, and a forked copy of it
/// could inherit a lock another thread held. The child reads requests on fd 3 and writes replies on
/// fd 4 (`ServeWorkerCommand`'s defaults); every other descriptor of the server is closed in it,
/// so no worker holds another worker's pipe open (which would hide that worker's death).
///
/// A reaper thread waits for the process from the moment it starts and collects it as soon as
/// it ends, whatever ends it, so a worker never lingers as a zombie. `kill` and the reaper share a
/// lock, so a signal can never reach a recycled pid. A `WorkerProcess` that is let go closes its
/// pipes, so its worker ends even if nobody stopped it.
final class WorkerProcess: PausableProcess, @unchecked Sendable {
    let pid: pid_t
    /// The priority the worker inherited, to restore after its start-up (nil: it was not lowered).
    private let startupPriority: ProcessPriority.Saved?
    /// The pool's ends: requests go out on `requestFD`, replies come in on `replyFD` (non-blocking).
    private let requestFD: Int32
    private let replyFD: Int32

    /// How the process ended, shared with the reaper thread (which must not keep `self` alive).
    private final class Exit: @unchecked Sendable {
        let condition = NSCondition()
        var status: Int32?
    }

    private let exit = Exit()
    private let state = NSLock()
    private var pipesClosed = false
    /// Whether the worker's first frame (it opened the store, or why not) has been read.
    private var greeted = false
    private var lastSequence: UInt64 = 0

    /// The request descriptor number in the child; the reply one is the next.
    static let childRequestFD: Int32 = 3

    /// Pipes are made close-on-exec and workers spawned under this lock: a worker the pool
    /// starts on another thread in between must not inherit this worker's pipe ends.
    private static let spawnLock = NSLock()

    /// Starts `executable arguments…`; the child's stdin is /dev/null, its stdout goes to stderr.
    init(executable: String, arguments: [String]) throws {
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        let toChild = try Self.makePipe()
        let fromChild: (read: Int32, write: Int32)
        do {
            fromChild = try Self.makePipe()
        } catch {
            close(toChild.read)
            close(toChild.write)
            throw error
        }
        // The child's ends are moved above 4 so that placing them on fds 3 and 4 never
        // overwrites one with the other; all of them are close-on-exec in the server.
        let childRead = fcntl(toChild.read, F_DUPFD_CLOEXEC, 5), childWrite = fcntl(fromChild.write, F_DUPFD_CLOEXEC, 5)
        for fd in [toChild.read, fromChild.write] { close(fd) }
        defer { close(childRead); close(childWrite) }
        guard childRead >= 0, childWrite >= 0 else {
            for fd in [toChild.write, fromChild.read] { close(fd) }
            throw WorkerStartFailure("cannot set up the worker's pipes: \(String(cString: strerror(errno)))")
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        posix_spawn_file_actions_adddup2(&actions, childRead, Self.childRequestFD)
        posix_spawn_file_actions_adddup2(&actions, childWrite, Self.childRequestFD + 1)
        // Descriptors other libraries of the server opened without close-on-exec stay out too.
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, Self.childRequestFD + 2) }

        // The server may ignore SIGPIPE or block signals in its threads; the worker starts clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var child: pid_t = 0
        let environment = Self.environment().map { strdup($0) } + [nil]
        defer { for entry in environment { free(entry) } }
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, environment)
        guard rc == 0 else {
            for fd in [toChild.write, fromChild.read] { close(fd) }
            throw WorkerStartFailure("cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        // Starting up (runtime, store, term caches) is a burst of CPU that would otherwise take a
        // core from requests in flight: the worker starts under SCHED_IDLE and gets its priority
        // back once it has greeted, where that is permitted (else it would stay idle for good).
        startupPriority = ProcessPriority.canRestore ? ProcessPriority.lower(child) : nil
        requestFD = toChild.write
        replyFD = fromChild.read
        for fd in [requestFD, replyFD] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        let exit = self.exit
        let reaper = Thread { [pid] in Self.reap(pid, into: exit) }
        reaper.name = "coatt-worker-reaper-\(child)"
        reaper.start()
    }

    deinit { closePipes() }

    /// The server's environment, with Swift's crash backtracer off unless the operator set
    /// `SWIFT_BACKTRACE`: a worker that rasqal crashes (a known defect, answered with a 500 and
    /// replaced) would otherwise write some fifty lines of registers and frames into the log.
    private static func environment() -> [String] {
        let environment = ProcessInfo.processInfo.environment
        return environment.map { "\($0.key)=\($0.value)" } + (environment["SWIFT_BACKTRACE"] == nil ? ["SWIFT_BACKTRACE=enable=no"] : [])
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw WorkerStartFailure("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module
    /// does not expose; nil on a C library without it.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32).self)
    }()

    // MARK: Life and death

    /// Waits (without collecting it) until the process ends, then collects it under the lock.
    private static func reap(_ pid: pid_t, into exit: Exit) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
        exit.condition.lock()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        exit.status = status
        exit.condition.broadcast()
        exit.condition.unlock()
    }

    /// Kills the process with SIGKILL unless it has already been collected.
    func kill() { send(SIGKILL) }

    /// Runs `action` on the pid while the process has not been collected (so never on a recycled pid).
    private func whileUncollected<T>(_ action: () -> T) -> T? {
        exit.condition.lock()
        defer { exit.condition.unlock() }
        return exit.status == nil ? action() : nil
    }

    /// Waits up to `timeout` for the process to end; its wait status, or nil if it still runs.
    func waitForExit(timeout: Duration) -> Int32? {
        let until = Date().addingTimeInterval(timeout.inSeconds)
        exit.condition.lock()
        defer { exit.condition.unlock() }
        while exit.status == nil && exit.condition.wait(until: until) {}
        return exit.status
    }

    /// Closes the pool's ends of the pipes (once). A worker whose request pipe closes exits.
    func closePipes() {
        state.lock()
        defer { state.unlock() }
        guard !pipesClosed else { return }
        pipesClosed = true
        close(requestFD)
        close(replyFD)
    }

    /// Kills the process, closes its pipes and waits until it has been collected.
    func terminate() {
        kill()
        closePipes()
        _ = waitForExit(timeout: .seconds(10))
    }

    /// Asks the process to end by closing its request pipe; kills it if it has not ended in `grace`.
    func stop(grace: Duration) {
        closePipes()
        if waitForExit(timeout: grace) == nil { terminate() }
    }

    /// How the process ended, for messages: "signal 11 (Segmentation fault)" or "exit status 1".
    func exitDescription(waiting: Duration) -> String {
        guard let status = waitForExit(timeout: waiting) else { return "it stopped answering" }
        let signal = status & 0x7F
        guard signal != 0 else { return "exit status \((status >> 8) & 0xFF)" }
        let named = "signal \(signal) (\(String(cString: strsignal(signal))))"
        // The server itself only kills a worker at a deadline, which is reported as a timeout.
        if signal == SIGKILL { return named + ", sent from outside the server: the kernel's out-of-memory killer or an operator" }
        return named + "; a known defect of rasqal 0.9.33 may be the cause"
    }

    // MARK: CPU use

    func send(_ signal: Int32) {
        _ = whileUncollected { Glibc.kill(pid, signal) }
    }

    func lowerPriority() -> ProcessPriority.Saved? {
        whileUncollected { ProcessPriority.lower(pid) } ?? nil
    }

    func restorePriority(_ saved: ProcessPriority.Saved) -> Bool {
        whileUncollected { ProcessPriority.restore(pid, to: saved) } ?? false
    }

    /// Gives a worker that is still starting up its priority back early (it gets it anyway
    /// once it has greeted).
    func raiseStartupPriority() {
        if let startupPriority { _ = restorePriority(startupPriority) }
    }

    /// Whether the worker's greeting (or its end) is there to read within `timeout`; reads
    /// nothing, so a later `awaitGreeting` never finds half a frame.
    func greetingArrives(within timeout: Duration) -> Bool {
        state.lock()
        let done = greeted || pipesClosed
        state.unlock()
        return done || FrameIO.isReadable(replyFD, within: timeout)
    }

    func cpuSeconds() -> Double? {
        whileUncollected { () -> Double? in
            var clock = clockid_t()
            var time = timespec()
            guard clock_getcpuclockid(pid, &clock) == 0, clock_gettime(clock, &time) == 0 else { return nil }
            return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
        } ?? nil
    }

    // MARK: Talking

    /// How one exchange ended.
    enum Outcome {
        case reply(EndpointReply)
        /// The deadline passed (the worker still runs: the caller kills it).
        case timedOut
        /// The worker ended, or broke the protocol, before replying; with how it ended.
        case died(String)
        /// The worker was gone before it could take the request (it died while idle).
        case undelivered
        /// The worker could not open the store; its message.
        case startFailed(String)
    }

    /// Reads the worker's first frame: whether it could open the store. Blocks.
    func awaitGreeting(deadline: ContinuousClock.Instant) -> Outcome? {
        state.lock()
        let done = greeted
        state.unlock()
        if done { return nil }
        do {
            guard let frame = try FrameIO.read(from: replyFD, deadline: deadline),
                  let hello = WireCoding.decodeReply(frame.payload) else {
                return .startFailed("the worker ended while starting (\(exitDescription(waiting: .seconds(2))))")
            }
            guard hello.status == .ok else { return .startFailed(hello.message) }
            raiseStartupPriority()
            state.lock()
            greeted = true
            state.unlock()
            return nil
        } catch FrameIO.Failure.timedOut {
            return .timedOut
        } catch {
            return .startFailed("the worker ended while starting (\(exitDescription(waiting: .seconds(2))))")
        }
    }

    /// How long a new worker may take to open the store by default (`WorkerPoolConfiguration.startupLimit`);
    /// not counted in a request's time limit.
    static let startupLimit: Duration = .seconds(30)

    /// Sends one request and waits up to `timeout` for its reply (after the worker's greeting,
    /// when it is new). Blocks: run it off the cooperative thread pool. The pool gives a worker
    /// one request at a time.
    func exchange(_ payload: Data, timeout: Duration) -> Outcome {
        if let failure = awaitGreeting(deadline: .now + Self.startupLimit) { return failure }
        let deadline = ContinuousClock.now + timeout
        state.lock()
        lastSequence += 1
        let sequence = lastSequence
        state.unlock()
        do {
            do {
                try FrameIO.write(payload, sequence: sequence, to: requestFD, deadline: deadline)
            } catch FrameIO.Failure.endOfFile {
                return .undelivered
            }
            guard let frame = try FrameIO.read(from: replyFD, deadline: deadline) else {
                return .died("the worker died (\(exitDescription(waiting: .seconds(2))))")
            }
            // A reply to anything but this request means the channel cannot be trusted.
            guard frame.sequence == sequence,
                  let reply = WireCoding.decodeReply(frame.payload) else {
                return .died("the worker broke the pipe protocol")
            }
            return .reply(reply)
        } catch FrameIO.Failure.timedOut {
            return .timedOut
        } catch {
            return .died("the worker died (\(exitDescription(waiting: .seconds(2))))")
        }
    }
}

/// A worker that could not be started, or could not open the store; the message says why.
public struct WorkerStartFailure: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
