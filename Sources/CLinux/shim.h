// Linux system calls Swift cannot make itself: sched_getattr(2) and sched_setattr(2), which glibc
// 2.36 does not wrap, and prctl(2), which glibc declares variadic.
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

// Besides the policy, sched_getattr and sched_setattr carry the time slice of a fair
// (SCHED_OTHER) thread as sched_runtime (Linux 6.12+; earlier kernels ignore it), which
// sched_setscheduler(2) would reset.

/// struct sched_attr of <linux/sched/types.h> (its first version), which clashes with <sched.h>.
struct coatt_sched_attr {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
};

/// Reads thread (or process) `tid`'s policy and slice in nanoseconds; 0, or -1 and errno.
static inline int coatt_get_scheduling(pid_t tid, uint32_t *policy, uint64_t *slice_ns) {
    struct coatt_sched_attr attr;
    memset(&attr, 0, sizeof attr);
    if (syscall(SYS_sched_getattr, tid, &attr, sizeof attr, 0) != 0) return -1;
    *policy = attr.sched_policy;
    *slice_ns = attr.sched_runtime;
    return 0;
}

/// Sets `tid`'s policy (SCHED_OTHER, SCHED_BATCH or SCHED_IDLE) and slice (0: the default); 0, or -1 and errno.
static inline int coatt_set_scheduling(pid_t tid, uint32_t policy, uint64_t slice_ns) {
    struct coatt_sched_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.sched_policy = policy;
    attr.sched_runtime = slice_ns;
    return (int)syscall(SYS_sched_setattr, tid, &attr, 0);
}

/// Makes the calling process receive SIGKILL when the process that forked it (`parent`) ends,
/// however it ends; ends it at once if that has happened already. 0, or -1 and errno.
static inline int coatt_die_with_parent(pid_t parent) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return -1;
    if (getppid() != parent) _exit(128 + SIGKILL);
    return 0;
}
