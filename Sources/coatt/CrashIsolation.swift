import ArgumentParser
import CLinux
import Foundation

/// Runs work in a forked child process so that a crash inside native code (rasqal 0.9.33 aborts
/// on some valid queries and segfaults on others, REDLAND.md §2) ends the child, not the caller.
/// The child writes its own output; the parent only reports how it ended. Nothing is shared
/// back, so the work must not need to change the parent's state.
enum CrashIsolation {
    /// Runs `work` in a child and returns its exit status; throws when the child died of a signal.
    static func run(_ what: String, _ work: () -> Int32) throws -> Int32 {
        Terminal.flush()
        let parent = getpid()
        let pid = fork()
        if pid == 0 {
            // A parent killed outright (a caller's time limit, SIGKILL) cannot stop the child
            // itself: it would run on, unseen, until its work was done.
            _ = coatt_die_with_parent(parent)
            silenceCrashBacktraces()
            let status = work()
            Terminal.flush()
            _exit(status)
        }
        guard pid > 0 else { return work() }  // fork failed: run unprotected rather than not at all
        forwardTerminationSignals(to: pid)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        // A reader that left (`| head`): end quietly, as any command in a pipeline does.
        if signal == SIGPIPE { throw ExitCode(128 + SIGPIPE) }
        if signal != 0 && signal != 0x7F {
            throw CommandFailure("\(what) crashed the SPARQL engine (signal \(signal): \(String(cString: strsignal(signal)))). "
                + "This is a known defect of rasqal 0.9.33 (see the README's known limits); nothing was changed.")
        }
        return (status >> 8) & 0xFF
    }

    /// Runs `work` in a child (`run`); an error it throws is printed as one `Error:` line and ends
    /// the command with status 1.
    static func runReportingErrors(_ what: String, _ work: () throws -> Void) throws {
        let status = try run(what) {
            do {
                try work()
                return 0
            } catch {
                Terminal.flush()
                Terminal.error("Error: \(error)")
                return 1
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// A crash in the child is reported by the parent in one line; Swift's backtracer would first
    /// print some fifty lines of registers and frames (left on when `SWIFT_BACKTRACE` asks for it).
    private static func silenceCrashBacktraces() {
        guard ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil else { return }
        for sig in [SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP] { signal(sig, SIG_DFL) }
    }

    /// A `timeout`, Ctrl-C or SIGTERM aimed at the command must also stop the child, which would
    /// otherwise run on (rasqal cannot be interrupted) after the parent is gone.
    private static func forwardTerminationSignals(to child: pid_t) {
        runningChild = child
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            signal(sig) { received in
                if CrashIsolation.runningChild > 0 { kill(CrashIsolation.runningChild, SIGKILL) }
                _exit(128 + received)
            }
        }
    }

    nonisolated(unsafe) static var runningChild: pid_t = 0
}
