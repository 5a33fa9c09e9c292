// A join's left side sees its own last row's values again before it is asked for its next row, in
// place of rasqal 0.9.33's rasqal_new_join_rowsource alone.
//
// rasqal's join and left join stream their left side: read one left row, run the right side to
// its end, read the next left row. A left side of triple patterns makes its next row from the
// variables' current values (the patterns it does not advance are not matched again), and the
// right side clears every variable it counts as its own when it is reset or runs out — which,
// rasqal scoping a group's members apart, includes the variables it shares with the left. So the
// left's next rows lost the value of an outer pattern, or matched its next pattern with the
// variable unbound: `?d :p2 ?b . ?a :p2 ?c OPTIONAL { ?b :p4 ?a OPTIONAL { :e301 :p4 ?a } }` gave
// rows with ?b unbound, and roqet gives the same. Binding the left row's values again restores
// exactly the state the left side left them in.

#include <stdlib.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_internals.h"
#include "rasqal_library.h"

typedef struct {
    rasqal_rowsource *inner;
    /// The row last handed to the join, whose values are bound again before the next is read.
    rasqal_row *last;
} left_rows_context;

static void forget_last(left_rows_context *context) {
    if (context->last) rasqal_free_row(context->last);
    context->last = NULL;
}

static int left_rows_finish(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    left_rows_context *context = user_data;
    forget_last(context);
    if (context->inner) rasqal_free_rowsource(context->inner);
    free(context);
    return 0;
}

static int left_rows_ensure_variables(rasqal_rowsource *rowsource, void *user_data) {
    left_rows_context *context = user_data;
    if (rasqal_rowsource_ensure_variables(context->inner)) return 1;
    // The same variables in the same order: the join maps the inner rows by these offsets.
    return rasqal_rowsource_copy_variables(rowsource, context->inner);
}

static rasqal_row *left_rows_read_row(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    left_rows_context *context = user_data;
    // The row's own rowsource names its variables (the inner one's, shared with the table's).
    if (context->last) rasqal_row_bind_variables(context->last, NULL);
    forget_last(context);
    rasqal_row *row = rasqal_rowsource_read_row(context->inner);
    if (row) context->last = rasqal_new_row_from_row(row);
    return row;
}

static int left_rows_reset(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    left_rows_context *context = user_data;
    forget_last(context);
    return rasqal_rowsource_reset(context->inner);
}

static rasqal_rowsource *left_rows_inner(rasqal_rowsource *rowsource, void *user_data, int offset) {
    (void)rowsource;
    return offset == 0 ? ((left_rows_context *)user_data)->inner : NULL;
}

static const rasqal_handler_layout left_rows_handler = {
    .version = 1,
    .name = "join left rows",
    .finish = left_rows_finish,
    .ensure_variables = left_rows_ensure_variables,
    .read_row = left_rows_read_row,
    .reset = left_rows_reset,
    .get_inner_rowsource = left_rows_inner,
};

typedef rasqal_rowsource *(*new_join_function)(rasqal_world *, rasqal_query *, rasqal_rowsource *, rasqal_rowsource *,
                                               int, rasqal_expression *);

rasqal_rowsource *rasqal_new_join_rowsource(rasqal_world *world, rasqal_query *query, rasqal_rowsource *left,
                                            rasqal_rowsource *right, int join_type, rasqal_expression *expr) {
    new_join_function own = (new_join_function)coatt_rasqal_own_function("rasqal_new_join_rowsource");
    if (!own) return NULL;
    if (!coatt_is_rasqal_0_9_33() || !world || !query || !left || !right) return own(world, query, left, right, join_type, expr);
    left_rows_context *context = calloc(1, sizeof(*context));
    if (!context) {
        rasqal_free_rowsource(left);
        rasqal_free_rowsource(right);
        return NULL;
    }
    context->inner = left;
    // On failure this frees the context, and with it the left side.
    rasqal_rowsource *wrapped = rasqal_new_rowsource_from_handler(world, query, context, &left_rows_handler,
                                                                  rasqal_rowsource_fields(left)->vars_table, 0);
    if (!wrapped) {
        rasqal_free_rowsource(right);
        return NULL;
    }
    return own(world, query, wrapped, right, join_type, expr);
}
