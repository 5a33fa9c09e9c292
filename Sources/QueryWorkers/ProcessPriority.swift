import Foundation

/// A worker process's CPU priority (its nice value), lowered while it must not compete with
/// short requests: when it starts up and when its request runs long.
enum ProcessPriority {
    /// The lowest priority, given to workers that should only use idle CPU.
    static let background: Int32 = 19

    /// Lowers `pid` to ``background``; returns the priority it had, to restore later, or nil when
    /// it could not be read or lowered.
    static func lower(_ pid: pid_t) -> Int32? {
        errno = 0
        let current = getpriority(which, id_t(pid))
        guard errno == 0, setpriority(which, id_t(pid), background) == 0 else { return nil }
        return current
    }

    /// Gives `pid` back `priority`; false when that is not permitted (raising a priority needs
    /// CAP_SYS_NICE).
    @discardableResult
    static func restore(_ pid: pid_t, to priority: Int32) -> Bool {
        setpriority(which, id_t(pid), priority) == 0
    }

    private static let which = __priority_which_t(PRIO_PROCESS.rawValue)
}
