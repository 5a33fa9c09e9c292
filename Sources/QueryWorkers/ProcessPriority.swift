import CLinux
import Foundation

/// A worker process's CPU scheduling class, lowered while it must not compete with short
/// requests: when it starts up and when its request runs long.
///
/// Lowered means Linux's SCHED_IDLE, not nice 19: a nice-19 task still keeps the core for the
/// rest of its time slice when a short request's worker wakes up, while any normal task that
/// wakes up preempts a SCHED_IDLE one at once.
enum ProcessPriority {
    /// A policy and time slice to give back.
    struct Saved: Sendable {
        let policy: UInt32
        let sliceNanoseconds: UInt64
    }

    /// Puts `pid` under SCHED_IDLE; returns what it had, to restore later, or nil when that
    /// could not be read or changed.
    static func lower(_ pid: pid_t) -> Saved? {
        var policy: UInt32 = 0, slice: UInt64 = 0
        guard coatt_get_scheduling(pid, &policy, &slice) == 0,
              coatt_set_scheduling(pid, idlePolicy, 0) == 0 else { return nil }
        return Saved(policy: policy, sliceNanoseconds: slice)
    }

    /// Gives `pid` back what it had; false when that is not permitted (leaving SCHED_IDLE needs
    /// CAP_SYS_NICE or a RLIMIT_NICE that allows nice 0).
    @discardableResult
    static func restore(_ pid: pid_t, to saved: Saved) -> Bool {
        coatt_set_scheduling(pid, saved.policy, saved.sliceNanoseconds) == 0
    }

    /// Asks for `microseconds` time slices for every thread of this process (the setting is per
    /// thread; threads and processes started later inherit it from their creator). Returns false
    /// when the kernel refused it for any thread.
    ///
    /// With the default slice (about 3 ms here), a point lookup that wakes up on the core of a
    /// long query may wait for the rest of that query's slice; with 0.1 ms slices for the server
    /// and its workers it waits at most that long. Kernels before 6.12 ignore the setting.
    @discardableResult
    static func requestSlices(microseconds: UInt64) -> Bool {
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        var accepted = true
        for thread in threads.compactMap({ Int32($0) }) {
            accepted = coatt_set_scheduling(thread, UInt32(SCHED_OTHER), microseconds * 1_000) == 0 && accepted
        }
        return accepted
    }

    /// Whether this process may give back a priority it lowered (root, CAP_SYS_NICE, or a
    /// RLIMIT_NICE that allows nice 0). Probed once, on a thread of its own that then ends, so a
    /// refusal leaves nothing at low priority.
    static let canRestore: Bool = {
        final class Outcome: @unchecked Sendable { var restored = false }
        let outcome = Outcome(), done = DispatchSemaphore(value: 0)
        let probe = Thread {
            // pid 0: the calling thread, this probe.
            if let saved = lower(0) { outcome.restored = restore(0, to: saved) }
            done.signal()
        }
        probe.start()
        done.wait()
        return outcome.restored
    }()

    /// Linux's SCHED_IDLE (<linux/sched.h>; Glibc exports it only under _GNU_SOURCE).
    private static let idlePolicy: UInt32 = 5
}
