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
//
// A right side that is a sub-SELECT or a VALUES block is evaluated on its own (SPARQL 1.1
// §18.2.1: nothing of the left row reaches it, and the store narrows none of its patterns), so it
// gives the same rows for every left row, yet rasqal ran it again for each, and compared each of
// its rows with each left row: `?p :occupation :Politician OPTIONAL { { SELECT ?p (COUNT(?s) AS
// ?k) { ?p :spouse ?s } GROUP BY ?p } }` grouped every spouse once per politician. Its rows are now
// read once and handed out again, only those that can be compatible with the left row (by one
// shared variable's value), until the whole join is reset (a GRAPH block's next graph).

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "CRasqalOverrides.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"
#include "rasqal_term_hash.h"

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
    /// How many times the join was reset (the right side's kept rows are of one run).
    unsigned long resets;
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
    context->resets++;
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

/// A kept row of the right side, and the hash of its value of the variable the left shares.
typedef struct {
    uint64_t hash;
    size_t row;
} keyed_row;

/// The rows of a right side that gives the same ones for every left row, read once, by the value
/// of one variable the left side shares: rasqal's join compares that value (rasqal_literal_equals:
/// IRIs and blank nodes by text, other literals as values of their type), so a left IRI or blank
/// node can meet only the rows with its hash or that leave the variable unbound, another literal
/// only the rows with a literal or unbound there.
typedef struct {
    rasqal_row **rows;
    size_t count, capacity;
    /// The shared variable's offset in the left rows and in these; -1: none shared.
    int left_offset, right_offset;
    /// Rows with an IRI or blank node there, sorted by hash; with another literal; unbound.
    keyed_row *by_term, *literals, *unbound;
    size_t by_term_count, literal_count, unbound_count;
} kept_rows;

typedef struct {
    rasqal_rowsource *inner;
    /// The join's left side, read only while the join runs (the join frees it first).
    left_rows_context *left;
    /// Whether the right side is a sub-SELECT or VALUES block, whose rows are kept (`kept`).
    int keeps_rows;
    /// Whether `kept` holds the rows of the join's current run (`left->resets` then: `resets`).
    int filled;
    unsigned long resets;
    kept_rows kept;
    /// The kept rows that may be compatible with the current left row, handed out from
    /// `next` (-1: not chosen yet); `all`: every kept row, else two runs of keyed rows.
    long next;
    int all;
    const keyed_row *runs[2];
    size_t run_counts[2];
} right_rows_context;

static void forget_kept(kept_rows *kept) {
    for (size_t index = 0; index < kept->count; index++) rasqal_free_row(kept->rows[index]);
    free(kept->rows);
    free(kept->by_term);
    free(kept->literals);
    free(kept->unbound);
    *kept = (kept_rows){0};
}

static int right_rows_finish(rasqal_rowsource *rowsource, void *user_data) {
    forget_kept(&((right_rows_context *)user_data)->kept);
    return wrapper_finish(rowsource, user_data);
}

static int is_term_key(rasqal_literal *value) { return value->type == RASQAL_LITERAL_URI || value->type == RASQAL_LITERAL_BLANK; }

static uint64_t key_hash(rasqal_literal *value) { return coatt_finish_hash(coatt_mix_term(0, value, 0)); }

static int compare_keyed(const void *a, const void *b) {
    uint64_t x = ((const keyed_row *)a)->hash, y = ((const keyed_row *)b)->hash;
    return x < y ? -1 : x > y;
}

/// The variable of the right side the left side also has, found by name, and its two offsets.
static void choose_shared_variable(right_rows_context *context) {
    context->kept.left_offset = context->kept.right_offset = -1;
    for (int offset = 0;; offset++) {
        rasqal_variable *variable = rasqal_rowsource_get_variable_by_offset(context->inner, offset);
        if (!variable) return;
        int left_offset = rasqal_rowsource_get_variable_offset_by_name(context->left->rowsource, variable->name);
        if (left_offset >= 0) {
            context->kept.left_offset = left_offset;
            context->kept.right_offset = offset;
            return;
        }
    }
}

/// Sorts the kept rows into the three runs by their value of the shared variable; 0 on success.
static int index_kept(kept_rows *kept) {
    if (kept->right_offset < 0) return 0;
    kept->by_term = malloc(sizeof(keyed_row) * (kept->count + 1));
    kept->literals = malloc(sizeof(keyed_row) * (kept->count + 1));
    kept->unbound = malloc(sizeof(keyed_row) * (kept->count + 1));
    if (!kept->by_term || !kept->literals || !kept->unbound) return 1;
    for (size_t index = 0; index < kept->count; index++) {
        rasqal_row_layout *fields = rasqal_row_fields(kept->rows[index]);
        rasqal_literal *value = kept->right_offset < fields->size ? fields->values[kept->right_offset] : NULL;
        if (!value) kept->unbound[kept->unbound_count++] = (keyed_row){0, index};
        else if (is_term_key(value)) kept->by_term[kept->by_term_count++] = (keyed_row){key_hash(value), index};
        else kept->literals[kept->literal_count++] = (keyed_row){0, index};
    }
    qsort(kept->by_term, kept->by_term_count, sizeof(keyed_row), compare_keyed);
    return 0;
}

/// Reads the right side's rows once; 0 on success (else nothing is kept and the side is rerun).
static int fill_kept(right_rows_context *context) {
    kept_rows *kept = &context->kept;
    choose_shared_variable(context);
    rasqal_row *row;
    while ((row = rasqal_rowsource_read_row(context->inner))) {
        if (kept->count == kept->capacity) {
            size_t capacity = kept->capacity ? 2 * kept->capacity : 64;
            rasqal_row **rows = realloc(kept->rows, capacity * sizeof(rasqal_row *));
            if (!rows) {
                rasqal_free_row(row);
                return 1;
            }
            kept->rows = rows;
            kept->capacity = capacity;
        }
        kept->rows[kept->count++] = row;
    }
    return index_kept(kept);
}

/// Chooses the kept rows that may be compatible with the join's current left row.
static void choose_candidates(right_rows_context *context) {
    kept_rows *kept = &context->kept;
    context->next = 0;
    context->all = 1;
    if (kept->left_offset < 0 || !context->left->last) return;
    rasqal_row_layout *left = rasqal_row_fields(context->left->last);
    rasqal_literal *value = kept->left_offset < left->size ? left->values[kept->left_offset] : NULL;
    if (!value) return;
    context->all = 0;
    context->runs[1] = kept->unbound;
    context->run_counts[1] = kept->unbound_count;
    if (!is_term_key(value)) {
        context->runs[0] = kept->literals;
        context->run_counts[0] = kept->literal_count;
        return;
    }
    uint64_t hash = key_hash(value);
    size_t low = 0, high = kept->by_term_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (kept->by_term[middle].hash < hash) low = middle + 1; else high = middle;
    }
    size_t end = low;
    while (end < kept->by_term_count && kept->by_term[end].hash == hash) end++;
    context->runs[0] = kept->by_term + low;
    context->run_counts[0] = end - low;
}

/// The next candidate kept row, as a new reference (the join frees each row it reads).
static rasqal_row *next_kept(right_rows_context *context) {
    size_t next = (size_t)context->next;
    rasqal_row *row = NULL;
    if (context->all) {
        if (next < context->kept.count) row = context->kept.rows[next];
    } else {
        for (int run = 0; run < 2 && !row; run++) {
            if (next < context->run_counts[run]) row = context->kept.rows[context->runs[run][next].row];
            else next -= context->run_counts[run];
        }
    }
    if (!row) return NULL;
    context->next++;
    // The join's condition (an OPTIONAL's FILTER) reads the variables, which a run of the side
    // would have set to the row's values.
    rasqal_row_bind_variables(row, NULL);
    return rasqal_new_row_from_row(row);
}

static rasqal_row *right_rows_read_row(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    right_rows_context *context = user_data;
    left_rows_context *outer = running_join;
    running_join = context->left;
    rasqal_row *row = NULL;
    if (context->keeps_rows && !context->filled) {
        context->filled = fill_kept(context) == 0;
        context->resets = context->left->resets;
        if (!context->filled) {
            // Out of memory: the side is run again from its start, as rasqal would.
            forget_kept(&context->kept);
            context->keeps_rows = 0;
            rasqal_rowsource_reset(context->inner);
        }
    }
    if (context->filled) {
        if (context->next < 0) choose_candidates(context);
        row = next_kept(context);
    } else {
        row = rasqal_rowsource_read_row(context->inner);
    }
    running_join = outer;
    return row;
}

static int right_rows_reset(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    right_rows_context *context = user_data;
    context->next = -1;
    if (context->filled && context->resets == context->left->resets) return 0;
    if (context->filled) {
        forget_kept(&context->kept);
        context->filled = 0;
    }
    left_rows_context *outer = running_join;
    running_join = context->left;
    int failed = rasqal_rowsource_reset(context->inner);
    running_join = outer;
    return failed;
}

static const rasqal_handler_layout right_rows_handler = {
    .version = 1,
    .name = "join right rows",
    .finish = right_rows_finish,
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

/// Whether a rowsource gives the same rows whatever the left row: a VALUES block's, or a
/// sub-SELECT's (its projection, under the solution modifiers rasqal puts above it,
/// rasqal_algebra_select_graph_pattern_to_algebra: ORDER BY, DISTINCT, LIMIT, which appear nowhere
/// else; a query's own never is a join's side).
static int is_evaluated_on_its_own(rasqal_rowsource *rowsource) {
    while (rowsource) {
        const rasqal_rowsource_layout *fields = (const void *)rowsource;
        const char *name = fields->handler ? fields->handler->name : NULL;
        if (!name) return 0;
        if (!strcmp(name, "project") || !strcmp(name, "bindings")) return 1;
        if ((strcmp(name, "sort") && strcmp(name, "distinct") && strcmp(name, "slice")) || !fields->handler->get_inner_rowsource) return 0;
        rowsource = fields->handler->get_inner_rowsource(rowsource, fields->user_data, 0);
    }
    return 0;
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
    right_context->next = -1;
    right_context->keeps_rows = is_evaluated_on_its_own(right);
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
