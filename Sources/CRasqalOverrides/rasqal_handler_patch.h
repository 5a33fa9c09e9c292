#ifndef COATT_RASQAL_HANDLER_PATCH_H
#define COATT_RASQAL_HANDLER_PATCH_H

#include <pthread.h>
#include <stdatomic.h>

#include "rasqal_internals.h"

/// A copy of one of rasqal's static rowsource handlers with some of its functions replaced, made
/// from the first rowsource of that kind seen: rasqal 0.9.33 makes some rowsources without a
/// working reset, and a handler is the only place a rowsource looks for one.
typedef struct {
    pthread_mutex_t lock;
    _Atomic(const rasqal_handler_layout *) patched;
    /// rasqal's own handler, whose functions the replacements call on to.
    const rasqal_handler_layout *original;
    rasqal_handler_layout copy;
    /// Replaces functions of `copy`, once.
    void (*amend)(rasqal_handler_layout *copy);
} coatt_handler_patch;

#define COATT_HANDLER_PATCH(amend_function) {.lock = PTHREAD_MUTEX_INITIALIZER, .amend = (amend_function)}

/// Gives `rowsource` the patched copy of its handler (made on first use).
__attribute__((visibility("hidden"))) void coatt_patch_handler(coatt_handler_patch *patch, rasqal_rowsource *rowsource);

/// Makes a handler given a reset keep rasqal's replay of saved rows where that is right. A join or
/// union asks its sides to be resettable; rasqal has a rowsource without a reset keep the rows it
/// gave and give them again, which spares running a sub-SELECT again for every row joined with it.
/// With this, the rowsource does so too, until `GRAPH` gives it another graph: then it reads its
/// input again. Its reset must call `coatt_replay_saved_rows` first.
__attribute__((visibility("hidden"))) void coatt_keep_rows_until_graph_changes(rasqal_handler_layout *handler);

/// The functions `coatt_keep_rows_until_graph_changes` puts in a handler, for a handler of this
/// module's own: a resettable rowsource's set_requirements and set_origin.
__attribute__((visibility("hidden"))) int coatt_save_rows_for_reset(rasqal_rowsource *rowsource, void *user_data, unsigned int flags);
__attribute__((visibility("hidden"))) int coatt_forget_saved_rows(rasqal_rowsource *rowsource, void *user_data, rasqal_literal *origin);

/// Starts giving the saved rows again, when there are any (non-zero then: nothing else to reset).
__attribute__((visibility("hidden"))) int coatt_replay_saved_rows(rasqal_rowsource *rowsource);

#endif
