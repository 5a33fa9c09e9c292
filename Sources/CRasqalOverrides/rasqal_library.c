#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>

#include <rasqal.h>

#include "rasqal_library.h"

int coatt_is_rasqal_0_9_33(void) {
    static atomic_int known = 0; // 0 not yet looked at, 1 yes, 2 no
    int value = atomic_load_explicit(&known, memory_order_relaxed);
    if (value == 0) {
        value = rasqal_version_decimal == 933 ? 1 : 2;
        atomic_store_explicit(&known, value, memory_order_relaxed);
    }
    return value == 1;
}

void *coatt_rasqal_own_function(const char *name) { return dlsym(RTLD_NEXT, name); }
