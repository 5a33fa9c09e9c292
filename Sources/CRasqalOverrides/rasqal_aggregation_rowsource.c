// rasqal 0.9.33's aggregation rowsource (the aggregates of a SELECT), given what it lacks:
//
// - A reset. Without one, a sub-SELECT with aggregates that rasqal runs more than once — inside
//   `GRAPH ?g`, once per named graph — gave the first run's groups and then nothing.
// - The implicit group's solution over no solutions. SPARQL 1.1 (§11.2, §18.5) aggregates a
//   query without GROUP BY over one group even when it is empty: `SELECT (COUNT(*) AS ?n)` over
//   nothing is one solution, 0. rasqal gave none, at the top level and in every sub-SELECT.
// - Set functions right on values of more than one kind (rasqal_aggregate_functions.c). rasqal's
//   are static and called only from its read_row, so read_row is this file's own: it reads the
//   groups as rasqal's did and hands each solution's values to those functions.

#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_aggregate_functions.h"
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

static coatt_aggregate *aggregate_of(aggregate_layout *aggregate) { return aggregate->agg_user_data; }

/// Makes each aggregate's state (in agg_user_data, which rasqal's read_row, replaced here, made
/// its own state in) and, for DISTINCT, a map of the group's values; non-zero when out of memory.
static int start_group(rasqal_rowsource *rowsource, aggregation_layout *context) {
    for (int index = 0; index < context->expr_count; index++) {
        aggregate_layout *aggregate = &context->expr_data[index];
        if (!aggregate->agg_user_data) {
            aggregate->agg_user_data = coatt_new_aggregate(rasqal_rowsource_fields(rowsource)->world, aggregate->expr);
            if (!aggregate->agg_user_data) return 1;
        }
        if (aggregate->map) rasqal_free_map(aggregate->map);
        aggregate->map = NULL;
        if (aggregate->expr->flags & RASQAL_EXPR_FLAG_DISTINCT) {
            aggregate->map = rasqal_new_literal_sequence_sort_map(1, 0);
            if (!aggregate->map) return 1;
        }
    }
    context->step_count = 0;
    return 0;
}

/// `COUNT(*)`, with DISTINCT or not.
static int counts_rows(aggregate_layout *aggregate) {
    return aggregate->expr->arg1 && aggregate->expr->arg1->op == RASQAL_EXPR_VARSTAR;
}

/// The solution's values, unbound ones as NULL: what `COUNT(DISTINCT *)` keeps apart. rasqal
/// evaluated `*` to one constant, so it counted 1 for every group.
static raptor_sequence *solution_values(rasqal_row *row) {
    rasqal_row_layout *row_fields = rasqal_row_fields(row);
    raptor_sequence *values = raptor_new_sequence((raptor_data_free_handler)rasqal_free_literal, (raptor_data_print_handler)rasqal_literal_print);
    for (int index = 0; values && index < row_fields->size; index++) {
        rasqal_literal *value = row_fields->values[index];
        if (raptor_sequence_push(values, value ? rasqal_new_literal_from_literal(value) : NULL)) {
            raptor_free_sequence(values);
            return NULL;
        }
    }
    return values;
}

/// The aggregate's arguments evaluated; those that fail to are left out (ignore_errors).
static raptor_sequence *argument_values(rasqal_query *query, aggregate_layout *aggregate) {
    int error = 0;
    raptor_sequence *values = rasqal_expression_sequence_evaluate(query, aggregate->exprs_seq, 1, &error);
    if (error && values) raptor_free_sequence(values);
    return error ? NULL : values;
}

/// Takes one solution of the group into every aggregate.
static void step(rasqal_rowsource *rowsource, aggregation_layout *context, rasqal_row *row) {
    rasqal_rowsource_layout *fields = rasqal_rowsource_fields(rowsource);
    rasqal_row_layout *row_fields = rasqal_row_fields(row);
    rasqal_row_bind_variables(row, fields->vars_table);
    // The group's first solution gives the values of the variables copied through (SAMPLE-like).
    if (!context->step_count++)
        for (int index = 0; index < context->input_values_count; index++)
            raptor_sequence_set_at(context->input_values, index, rasqal_new_literal_from_literal(row_fields->values[index]));
    for (int index = 0; index < context->expr_count; index++) {
        aggregate_layout *aggregate = &context->expr_data[index];
        raptor_sequence *values = aggregate->map && counts_rows(aggregate) ? solution_values(row)
                                                                          : argument_values(fields->query, aggregate);
        if (!values) continue;
        // A DISTINCT map takes the sequence, and frees it when it has an equal one already.
        if (aggregate->map && rasqal_literal_sequence_sort_map_add_literal_sequence(aggregate->map, values)) continue;
        coatt_aggregate_step(aggregate_of(aggregate), values);
        if (!aggregate->map) raptor_free_sequence(values);
    }
}

/// The group's row: the first solution's values copied through, then the aggregates' values. As
/// rasqal's rows do, each aggregate's variable holds its value too (HAVING reads it there).
static rasqal_row *group_row(rasqal_rowsource *rowsource, aggregation_layout *context) {
    rasqal_row *row = rasqal_new_row(rowsource);
    int offset = 0;
    for (; offset < context->input_values_count; offset++) {
        // An empty group has no values to copy: raptor_sequence_delete_at gives NULL.
        rasqal_literal *value = raptor_sequence_delete_at(context->input_values, offset);
        if (row) rasqal_row_set_value_at(row, offset, value);
        if (value) rasqal_free_literal(value);
    }
    for (int index = 0; index < context->expr_count; index++, offset++) {
        rasqal_literal *value = coatt_aggregate_finish_group(aggregate_of(&context->expr_data[index]));
        rasqal_variable_set_value(rasqal_rowsource_get_variable_by_offset(rowsource, offset),
                                  value ? rasqal_new_literal_from_literal(value) : NULL);
        if (row && value) rasqal_row_set_value_at(row, offset, value);
        if (value) rasqal_free_literal(value);
    }
    if (row) rasqal_row_fields(row)->offset = context->offset++;
    context->last_group_id = -1;
    return row;
}

/// With GROUP BY, rasqal puts a groupby rowsource under the aggregation; without, the pattern's.
static int groups_implicitly(aggregation_layout *context) {
    return strcmp(rasqal_rowsource_fields(context->rowsource)->handler->name, "groupby") != 0;
}

/// The next group's row: the input is read up to the first solution of the group after (kept in
/// saved_row) or to its end. Without GROUP BY, no solutions at all are one empty group.
static rasqal_row *read_row(rasqal_rowsource *rowsource, void *user_data) {
    aggregation_layout *context = user_data;
    if (context->finished) return NULL;
    for (;;) {
        rasqal_row *row = context->saved_row;
        context->saved_row = NULL;
        if (!row) row = rasqal_rowsource_read_row(context->rowsource);
        if (!row) break;
        int group = rasqal_row_fields(row)->group_id;
        if (context->last_group_id >= 0 && group != context->last_group_id) {
            context->saved_row = row;
            return group_row(rowsource, context);
        }
        if (context->last_group_id < 0) {
            if (start_group(rowsource, context)) {
                rasqal_free_row(row);
                return NULL;
            }
            context->last_group_id = group;
        }
        step(rowsource, context, row);
        rasqal_free_row(row);
    }
    context->finished = 1;
    if (context->last_group_id >= 0) return group_row(rowsource, context);
    if (context->offset != 0 || !groups_implicitly(context) || start_group(rowsource, context)) return NULL;
    return group_row(rowsource, context);
}

/// Frees this file's aggregate states before rasqal's finish, which would take them for its own.
static int finish(rasqal_rowsource *rowsource, void *user_data) {
    aggregation_layout *context = user_data;
    for (int index = 0; index < context->expr_count; index++) {
        coatt_free_aggregate(aggregate_of(&context->expr_data[index]));
        context->expr_data[index].agg_user_data = NULL;
    }
    return patch.original->finish(rowsource, user_data);
}

static int reset(rasqal_rowsource *rowsource, void *user_data) {
    if (coatt_replay_saved_rows(rowsource)) return 0;
    aggregation_layout *context = user_data;
    context->finished = 0;
    if (context->saved_row) rasqal_free_row(context->saved_row);
    context->saved_row = NULL;
    // A group may have been read only in part: its aggregates start over, made again when needed.
    for (int index = 0; index < context->expr_count; index++) {
        aggregate_layout *aggregate = &context->expr_data[index];
        coatt_free_aggregate(aggregate_of(aggregate));
        aggregate->agg_user_data = NULL;
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
    handler->finish = finish;
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
