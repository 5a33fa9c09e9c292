#include <raptor2.h>

#include "rasqal_handler_patch.h"

void coatt_patch_handler(coatt_handler_patch *patch, rasqal_rowsource *rowsource) {
    rasqal_rowsource_layout *fields = rasqal_rowsource_fields(rowsource);
    const rasqal_handler_layout *patched = atomic_load_explicit(&patch->patched, memory_order_acquire);
    if (!patched) {
        pthread_mutex_lock(&patch->lock);
        patched = atomic_load_explicit(&patch->patched, memory_order_relaxed);
        if (!patched) {
            patch->original = fields->handler;
            patch->copy = *fields->handler;
            patch->amend(&patch->copy);
            patched = &patch->copy;
            atomic_store_explicit(&patch->patched, patched, memory_order_release);
        }
        pthread_mutex_unlock(&patch->lock);
    }
    fields->handler = patched;
}

int coatt_save_rows_for_reset(rasqal_rowsource *rowsource, void *user_data, unsigned int flags) {
    (void)user_data;
    if (!(flags & rasqal_rowsource_require_reset)) return 0;
    rasqal_rowsource_fields(rowsource)->flags |= rasqal_rowsource_saves_rows;
    return 1;  // handled here, as rasqal does for a rowsource without a reset
}

int coatt_forget_saved_rows(rasqal_rowsource *rowsource, void *user_data, rasqal_literal *origin) {
    (void)user_data, (void)origin;
    rasqal_rowsource_layout *fields = rasqal_rowsource_fields(rowsource);
    if (fields->flags & rasqal_rowsource_has_saved_rows) {
        fields->flags &= ~rasqal_rowsource_has_saved_rows;
        if (fields->rows_sequence) raptor_free_sequence(fields->rows_sequence);
        fields->rows_sequence = NULL;
        fields->offset = 0;
    }
    return 0;  // the rowsources inside take the graph
}

void coatt_keep_rows_until_graph_changes(rasqal_handler_layout *handler) {
    handler->set_requirements = coatt_save_rows_for_reset;
    handler->set_origin = coatt_forget_saved_rows;
}

int coatt_replay_saved_rows(rasqal_rowsource *rowsource) {
    rasqal_rowsource_layout *fields = rasqal_rowsource_fields(rowsource);
    if (!(fields->flags & rasqal_rowsource_has_saved_rows)) return 0;
    fields->offset = 0;
    // rasqal makes the sequence with the first row saved: a run that gave none left it NULL, and
    // replaying that printed an assertion message from raptor_sequence_get_at.
    if (!fields->rows_sequence) fields->rows_sequence = raptor_new_sequence((raptor_data_free_handler)rasqal_free_row, NULL);
    return 1;
}
