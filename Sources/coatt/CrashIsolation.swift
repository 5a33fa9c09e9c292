import Foundation

/// Runs work in a forked child process so that a crash inside native code (rasqal 0.9.33 aborts
/// on some valid queries and segfaults on others, REDLAND.md §2) ends the child, not the caller.
/// The child writes its own output; the parent only reports how it ended. Nothing is shared
/// back, so the work must not need to change the parent's state.
enum CrashIsolation {
    /// Runs `work` in a child and returns its exit status; throws when the child died of a signal.
    static func run(_ what: String, _ work: () -> Int32) throws -> Int32 {
        Terminal.flush()
        let pid = fork()
        if pid == 0 {
            let status = work()
            Terminal.flush()
            _exit(status)
        }
        guard pid > 0 else { return work() }  // fork failed: run unprotected rather than not at all
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        if signal != 0 && signal != 0x7F {
            throw CommandFailure("\(what) crashed the SPARQL engine (signal \(signal): \(String(cString: strsignal(signal)))). "
                + "This is a known defect of rasqal 0.9.33 (see the README's known limits); nothing was changed.")
        }
        return (status >> 8) & 0xFF
    }
}
