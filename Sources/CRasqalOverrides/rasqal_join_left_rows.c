// A join's left side sees its own last row's values again before it is asked for its next row,
// and its right side can ask for that row's values while it runs, in place of rasqal 0.9.33's
// rasqal_new_join_rowsource alone.
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
//
// For the same reason the right side cannot read the left row's values from the variables; the
// store looks up a triple pattern on the right with them (SQLiteStorage's RasqalJoinHints), so
// while the right side runs, its join is this thread's running join and
// coatt_rasqal_join_left_value reads the row. A join inside the right side runs within that and
// is the running join while it runs, so the running join is always the innermost one.

#include <stdlib.h>

#include <raptor2.h>
#include <rasqal.h>

#include "CRasqalOverrides.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"

// Both sides' wrappers start their context with the rowsource they wrap, and give its rows on
// with the same variables in the same order: the join maps the inner rows by these offsets.
static rasqal_rowsource *wrapped_rowsource(void *user_data) { return *(rasqal_rowsource **)user_data; }

static int wrapper_ensure_variables(rasqal_rowsource *rowsource, void *user_data) {
    if (rasqal_rowsource_ensure_variables(wrapped_rowsource(user_data))) return 1;
    return rasqal_rowsource_copy_variables(rowsource, wrapped_rowsource(user_data));
}

static int wrapper_finish(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    if (wrapped_rowsource(user_data)) rasqal_free_rowsource(wrapped_rowsource(user_data));
    free(user_data);
    return 0;
}

static rasqal_rowsource *wrapper_inner(rasqal_rowsource *rowsource, void *user_data, int offset) {
    (void)rowsource;
    return offset == 0 ? wrapped_rowsource(user_data) : NULL;
}

typedef struct {
    rasqal_rowsource *inner;
    /// The wrapping rowsource, whose variables are the rows' (not owned).
    rasqal_rowsource *rowsource;
    /// The row last handed to the join, whose values are bound again before the next is read.
    rasqal_row *last;
} left_rows_context;

/// The left side of the join whose right side this thread is running.
static _Thread_local left_rows_context *running_join;

static void forget_last(left_rows_context *context) {
    if (context->last) rasqal_free_row(context->last);
    context->last = NULL;
}

static int left_rows_finish(rasqal_rowsource *rowsource, void *user_data) {
    forget_last(user_data);
    return wrapper_finish(rowsource, user_data);
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

static const rasqal_handler_layout left_rows_handler = {
    .version = 1,
    .name = "join left rows",
    .finish = left_rows_finish,
    .ensure_variables = wrapper_ensure_variables,
    .read_row = left_rows_read_row,
    .reset = left_rows_reset,
    .get_inner_rowsource = wrapper_inner,
};

typedef struct {
    rasqal_rowsource *inner;
    /// The join's left side, read only while the join runs (the join frees it first).
    left_rows_context *left;
} right_rows_context;

static rasqal_row *right_rows_read_row(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    right_rows_context *context = user_data;
    left_rows_context *outer = running_join;
    running_join = context->left;
    rasqal_row *row = rasqal_rowsource_read_row(context->inner);
    running_join = outer;
    return row;
}

static int right_rows_reset(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    right_rows_context *context = user_data;
    left_rows_context *outer = running_join;
    running_join = context->left;
    int failed = rasqal_rowsource_reset(context->inner);
    running_join = outer;
    return failed;
}

static const rasqal_handler_layout right_rows_handler = {
    .version = 1,
    .name = "join right rows",
    .finish = wrapper_finish,
    .ensure_variables = wrapper_ensure_variables,
    .read_row = right_rows_read_row,
    .reset = right_rows_reset,
    .get_inner_rowsource = wrapper_inner,
};

void *coatt_rasqal_join_left_value(const void *variable) {
    const left_rows_context *join = running_join;
    const rasqal_variable *wanted = variable;
    if (!join || !join->last || !join->rowsource || !wanted || !wanted->name) return NULL;
    int offset = rasqal_rowsource_get_variable_offset_by_name(join->rowsource, wanted->name);
    rasqal_row_layout *fields = rasqal_row_fields(join->last);
    if (offset < 0 || offset >= fields->size || !fields->values[offset]) return NULL;
    return rasqal_new_literal_from_literal(fields->values[offset]);
}

typedef rasqal_rowsource *(*new_join_function)(rasqal_world *, rasqal_query *, rasqal_rowsource *, rasqal_rowsource *,
                                               int, rasqal_expression *);

rasqal_rowsource *rasqal_new_join_rowsource(rasqal_world *world, rasqal_query *query, rasqal_rowsource *left,
                                            rasqal_rowsource *right, int join_type, rasqal_expression *expr) {
    new_join_function own = (new_join_function)coatt_rasqal_own_function("rasqal_new_join_rowsource");
    if (!own) return NULL;
    if (!coatt_is_rasqal_0_9_33() || !world || !query || !left || !right) return own(world, query, left, right, join_type, expr);
    left_rows_context *left_context = calloc(1, sizeof(*left_context));
    right_rows_context *right_context = calloc(1, sizeof(*right_context));
    if (!left_context || !right_context) {
        free(left_context);
        free(right_context);
        rasqal_free_rowsource(left);
        rasqal_free_rowsource(right);
        return NULL;
    }
    left_context->inner = left;
    right_context->inner = right;
    right_context->left = left_context;
    // On failure each frees its context, and with it its side.
    rasqal_rowsource *left_rows = rasqal_new_rowsource_from_handler(world, query, left_context, &left_rows_handler,
                                                                    rasqal_rowsource_fields(left)->vars_table, 0);
    rasqal_rowsource *right_rows = rasqal_new_rowsource_from_handler(world, query, right_context, &right_rows_handler,
                                                                     rasqal_rowsource_fields(right)->vars_table, 0);
    if (!left_rows || !right_rows) {
        if (left_rows) rasqal_free_rowsource(left_rows);
        if (right_rows) rasqal_free_rowsource(right_rows);
        return NULL;
    }
    left_context->rowsource = left_rows;
    return own(world, query, left_rows, right_rows, join_type, expr);
}
