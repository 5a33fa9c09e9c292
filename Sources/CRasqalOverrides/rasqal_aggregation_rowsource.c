// rasqal 0.9.33's aggregation rowsource (the aggregates of a SELECT), given what it lacks:
//
// - A reset. Without one, a sub-SELECT with aggregates that rasqal runs more than once — inside
//   `GRAPH ?g`, once per named graph — gave the first run's groups and then nothing.
// - The implicit group's solution over no solutions. SPARQL 1.1 (§11.2, §18.5) aggregates a
//   query without GROUP BY over one group even when it is empty: `SELECT (COUNT(*) AS ?n)` over
//   nothing is one solution, 0. rasqal gave none, at the top level and in every sub-SELECT.

#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_handler_patch.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"

/// rasqal_agg_expr_data.
typedef struct {
    rasqal_expression *expr;
    void *agg_user_data;
    rasqal_variable *variable;
    raptor_sequence *exprs_seq;
    rasqal_map *map;
} aggregate_layout;

/// rasqal_aggregation_rowsource_context.
typedef struct {
    rasqal_rowsource *rowsource;
    raptor_sequence *exprs_seq;
    raptor_sequence *vars_seq;
    aggregate_layout *expr_data;
    int expr_count;
    int finished;
    int last_group_id;
    rasqal_row *saved_row;
    /// Rows given so far.
    int offset;
    raptor_sequence *input_values;
    int input_values_count;
    int step_count;
} aggregation_layout;

static void amend(rasqal_handler_layout *handler);
static coatt_handler_patch patch = COATT_HANDLER_PATCH(amend);

/// The aggregates' values over an empty group: COUNT, SUM and AVG 0, GROUP_CONCAT "", and no value
/// (the error SPARQL gives) for MIN, MAX, SAMPLE and extension aggregates.
static rasqal_literal *empty_group_value(rasqal_world *world, const rasqal_expression *aggregate) {
    switch (aggregate->op) {
    case RASQAL_EXPR_COUNT:
    case RASQAL_EXPR_SUM:
    case RASQAL_EXPR_AVG: return rasqal_new_integer_literal(world, RASQAL_LITERAL_INTEGER, 0);
    case RASQAL_EXPR_GROUP_CONCAT: {
        unsigned char *empty = calloc(1, 1);
        return empty ? rasqal_new_string_literal(world, empty, NULL, NULL, NULL) : NULL;
    }
    default: return NULL;
    }
}

static rasqal_row *empty_group_row(rasqal_rowsource *rowsource, aggregation_layout *context) {
    rasqal_row *row = rasqal_new_row(rowsource);
    if (!row) return NULL;
    rasqal_world *world = rasqal_rowsource_fields(rowsource)->world;
    // The input's variables, copied through ahead of the aggregates, are unbound.
    int offset = context->input_values_count;
    for (int index = 0; index < context->expr_count; index++, offset++) {
        rasqal_literal *value = empty_group_value(world, context->expr_data[index].expr);
        // As rasqal's own rows do, the variable holds the value too (HAVING reads it there).
        rasqal_variable_set_value(rasqal_rowsource_get_variable_by_offset(rowsource, offset),
                                  value ? rasqal_new_literal_from_literal(value) : NULL);
        if (value) {
            rasqal_row_set_value_at(row, offset, value);
            rasqal_free_literal(value);
        }
    }
    rasqal_row_fields(row)->offset = context->offset++;
    return row;
}

/// With GROUP BY, rasqal puts a groupby rowsource under the aggregation; without, the pattern's.
static int groups_implicitly(aggregation_layout *context) {
    return strcmp(rasqal_rowsource_fields(context->rowsource)->handler->name, "groupby") != 0;
}

static rasqal_row *read_row(rasqal_rowsource *rowsource, void *user_data) {
    aggregation_layout *context = user_data;
    rasqal_row *row = patch.original->read_row(rowsource, user_data);
    // `finished` is set only at the end of the input (not on an error); `offset` counts rows given.
    if (row || !context->finished || context->offset != 0 || !groups_implicitly(context)) return row;
    return empty_group_row(rowsource, context);
}

static int reset(rasqal_rowsource *rowsource, void *user_data) {
    if (coatt_replay_saved_rows(rowsource)) return 0;
    aggregation_layout *context = user_data;
    context->finished = 0;
    if (context->saved_row) rasqal_free_row(context->saved_row);
    context->saved_row = NULL;
    // The per-aggregate state (agg_user_data) is reset by rasqal after each group it gives.
    for (int index = 0; index < context->expr_count; index++) {
        aggregate_layout *aggregate = &context->expr_data[index];
        if (aggregate->map) rasqal_free_map(aggregate->map);
        aggregate->map = NULL;
    }
    if (context->input_values) raptor_free_sequence(context->input_values);
    context->input_values = NULL;
    // Makes input_values again and starts over at the first group and row.
    if (patch.original->init(rowsource, user_data)) return 1;
    return rasqal_rowsource_reset(context->rowsource);
}

static void amend(rasqal_handler_layout *handler) {
    handler->read_row = read_row;
    handler->reset = reset;
    coatt_keep_rows_until_graph_changes(handler);
}

rasqal_rowsource *rasqal_new_aggregation_rowsource(rasqal_world *world, rasqal_query *query, rasqal_rowsource *rowsource,
                                                   raptor_sequence *exprs_seq, raptor_sequence *vars_seq) {
    static _Atomic(void *) own_function;
    rasqal_rowsource *(*own)(rasqal_world *, rasqal_query *, rasqal_rowsource *, raptor_sequence *, raptor_sequence *) =
        coatt_rasqal_cached_own_function(&own_function, "rasqal_new_aggregation_rowsource");
    rasqal_rowsource *aggregation = own ? own(world, query, rowsource, exprs_seq, vars_seq) : NULL;
    if (aggregation && coatt_is_rasqal_0_9_33()) coatt_patch_handler(&patch, aggregation);
    return aggregation;
}
