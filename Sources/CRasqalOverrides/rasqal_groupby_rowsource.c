// rasqal 0.9.33's groupby rowsource (GROUP BY), given what it lacks:
//
// - A reset: rasqal's does nothing, so a grouped sub-SELECT run more than once (inside
//   `GRAPH ?g`, once per named graph) gave its groups the first time and nothing after.
// - No groups over no solutions. rasqal made one group of one empty row (COUNT 1, keys unbound);
//   SPARQL 1.1 (§11.2) makes none when GROUP BY is given.

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_handler_patch.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"

/// rasqal_groupby_rowsource_context.
typedef struct {
    rasqal_rowsource *rowsource;
    raptor_sequence *exprs_seq;
    int exprs_seq_size;
    int group_id;
    int processed;
    /// The groups, made when the input is first read; freed with `group_iterator` once read out.
    raptor_avltree *tree;
    int compare_flags;
    raptor_avltree_iterator *group_iterator;
    int group_row_index;
    int offset;
} groupby_layout;

static void amend(rasqal_handler_layout *handler);
static coatt_handler_patch patch = COATT_HANDLER_PATCH(amend);

static rasqal_row *read_row(rasqal_rowsource *rowsource, void *user_data) {
    groupby_layout *context = user_data;
    rasqal_row *row = patch.original->read_row(rowsource, user_data);
    // A tree of groups without an iterator is one that was empty: the row is the made-up group.
    if (row && context->tree && !context->group_iterator) {
        rasqal_free_row(row);
        return NULL;
    }
    return row;
}

static int reset(rasqal_rowsource *rowsource, void *user_data) {
    if (coatt_replay_saved_rows(rowsource)) return 0;
    groupby_layout *context = user_data;
    if (context->group_iterator) raptor_free_avltree_iterator(context->group_iterator);
    context->group_iterator = NULL;
    if (context->tree) raptor_free_avltree(context->tree);
    context->tree = NULL;
    context->processed = 0;
    context->group_row_index = 0;
    // Group numbers start over, as the aggregation above them does.
    if (patch.original->init(rowsource, user_data)) return 1;
    return rasqal_rowsource_reset(context->rowsource);
}

static void amend(rasqal_handler_layout *handler) {
    handler->read_row = read_row;
    handler->reset = reset;
    coatt_keep_rows_until_graph_changes(handler);
}

rasqal_rowsource *rasqal_new_groupby_rowsource(rasqal_world *world, rasqal_query *query, rasqal_rowsource *rowsource,
                                               raptor_sequence *exprs_seq) {
    static _Atomic(void *) own_function;
    rasqal_rowsource *(*own)(rasqal_world *, rasqal_query *, rasqal_rowsource *, raptor_sequence *) =
        coatt_rasqal_cached_own_function(&own_function, "rasqal_new_groupby_rowsource");
    rasqal_rowsource *groupby = own ? own(world, query, rowsource, exprs_seq) : NULL;
    if (groupby && coatt_is_rasqal_0_9_33()) coatt_patch_handler(&patch, groupby);
    return groupby;
}
