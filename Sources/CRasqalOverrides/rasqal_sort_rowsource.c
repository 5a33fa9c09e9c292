// rasqal 0.9.33's sort rowsource (ORDER BY of a sub-SELECT, and of queries rasqal orders itself),
// given a reset, which it lacks: a sorted sub-SELECT run more than once (inside `GRAPH ?g`, once
// per named graph) gave its rows the first time and nothing after.

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_handler_patch.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"

/// rasqal_sort_rowsource_context.
typedef struct {
    rasqal_rowsource *rowsource;
    raptor_sequence *order_seq;
    int order_size;
    int distinct;
    /// Made by init, freed once the rows are sorted.
    rasqal_map *map;
    raptor_sequence *seq;
} sort_layout;

static void amend(rasqal_handler_layout *handler);
static coatt_handler_patch patch = COATT_HANDLER_PATCH(amend);

static int reset(rasqal_rowsource *rowsource, void *user_data) {
    if (coatt_replay_saved_rows(rowsource)) return 0;
    sort_layout *context = user_data;
    if (context->map) rasqal_free_map(context->map);
    context->map = NULL;
    if (context->seq) raptor_free_sequence(context->seq);
    context->seq = NULL;
    // The sorted rows are kept by the rowsource itself (this handler gives them all at once).
    rasqal_rowsource_layout *fields = rasqal_rowsource_fields(rowsource);
    if (fields->rows_sequence) raptor_free_sequence(fields->rows_sequence);
    fields->rows_sequence = NULL;
    fields->offset = 0;
    if (patch.original->init(rowsource, user_data)) return 1;
    return rasqal_rowsource_reset(context->rowsource);
}

static void amend(rasqal_handler_layout *handler) {
    handler->reset = reset;
    coatt_keep_rows_until_graph_changes(handler);
}

rasqal_rowsource *rasqal_new_sort_rowsource(rasqal_world *world, rasqal_query *query, rasqal_rowsource *rowsource,
                                            raptor_sequence *order_seq, int distinct) {
    static _Atomic(void *) own_function;
    rasqal_rowsource *(*own)(rasqal_world *, rasqal_query *, rasqal_rowsource *, raptor_sequence *, int) =
        coatt_rasqal_cached_own_function(&own_function, "rasqal_new_sort_rowsource");
    rasqal_rowsource *sort = own ? own(world, query, rowsource, order_seq, distinct) : NULL;
    if (sort && coatt_is_rasqal_0_9_33()) coatt_patch_handler(&patch, sort);
    return sort;
}
