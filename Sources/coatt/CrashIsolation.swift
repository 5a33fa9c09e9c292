import ArgumentParser
import CLinux
import Foundation

/// Runs a command's work in a child process so that a crash inside native code (rasqal 0.9.33
/// aborts on some valid queries and segfaults on others, REDLAND.md §2) ends the child, not the
/// caller. The child is the same command started again (never a fork: a forked copy of this
/// process has lost the threads libdispatch counted on, so URLSession — SERVICE, LOAD — waits
/// forever in it). It reads its own input and writes its own output; the parent reads nothing,
/// only reports how the child ended.
enum CrashIsolation {
    /// Set in the child's environment, to the parent's process id.
    private static let childVariable = "COATT_ISOLATED_CHILD_OF"

    /// Runs `work` in a child and returns its exit status; throws when the child died of a signal.
    /// In the child itself, runs `work`.
    static func run(_ what: String, _ work: () -> Int32) throws -> Int32 {
        if let parent = ProcessInfo.processInfo.environment[childVariable].flatMap(pid_t.init) {
            unsetenv(childVariable)
            // A parent killed outright (a caller's time limit, SIGKILL) cannot stop the child
            // itself: it would run on, unseen, until its work was done.
            _ = coatt_die_with_parent(parent)
            silenceCrashBacktraces()
            let status = work()
            Terminal.flush()
            return status
        }
        Terminal.flush()
        guard let pid = spawnChild() else { return work() }  // no child: run unprotected rather than not at all
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

    /// This command started again with the same arguments, marked as the child; nil when it
    /// cannot be started.
    private static func spawnChild() -> pid_t? {
        guard let executable = try? OwnExecutable.path() else { return nil }
        let argv = ([executable] + CommandLine.arguments.dropFirst()).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        let entries: [String] = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" } + ["\(childVariable)=\(getpid())"]
        let environment = entries.map { strdup($0) } + [nil]
        defer { for entry in environment { free(entry) } }
        var child: pid_t = 0
        return posix_spawn(&child, executable, nil, nil, argv, environment) == 0 ? child : nil
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
