// `GRAPH ?g { … }` read in one pass, in place of rasqal 0.9.33's rasqal_new_graph_rowsource, which
// runs the block once for every named graph of the dataset: with one graph per post that is
// thousands of lookups per query, whatever the block matches. The store says which graph
// variables may be read this way (coatt_rasqal_read_graphs_in_one_pass): then the block's triple
// patterns keep ?g as their graph, the first of them to match binds it from the quad it reads, and
// the rest of the block is matched inside that graph. The store checks the conditions that makes
// it the same answer (SQLiteStorage's RasqalOnePassGraphs); any other GRAPH ?g is rasqal's.

#include <stdlib.h>

#include <raptor2.h>
#include <rasqal.h>

#include "CRasqalOverrides.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"

// Set by the thread that executes a query, for the rowsources rasqal builds while it does.
static _Thread_local const void *const *one_pass_variables = NULL;
static _Thread_local int one_pass_count = 0;

void coatt_rasqal_read_graphs_in_one_pass(const void *const *variables, int count) {
    one_pass_variables = variables;
    one_pass_count = variables ? count : 0;
}

int coatt_rasqal_can_read_graphs_in_one_pass(void) { return coatt_is_rasqal_0_9_33(); }

static int reads_in_one_pass(const rasqal_variable *variable) {
    for (int index = 0; index < one_pass_count; index++)
        if (one_pass_variables[index] == variable) return 1;
    return 0;
}

typedef struct {
    rasqal_rowsource *inner;
    rasqal_variable *graph;
    /// For each variable of this rowsource after the graph, its offset in the inner rows.
    int *inner_offsets;
    int size;
} one_pass_context;

static int one_pass_finish(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    one_pass_context *context = user_data;
    if (context->inner) rasqal_free_rowsource(context->inner);
    free(context->inner_offsets);
    free(context);
    return 0;
}

static int one_pass_ensure_variables(rasqal_rowsource *rowsource, void *user_data) {
    one_pass_context *context = user_data;
    if (rasqal_rowsource_ensure_variables(context->inner)) return 1;
    // The graph first, as rasqal's graph rowsource puts it.
    rasqal_rowsource_add_variable(rowsource, context->graph);
    rasqal_rowsource_copy_variables(rowsource, context->inner);
    context->size = rasqal_rowsource_get_size(rowsource);
    context->inner_offsets = calloc((size_t)context->size, sizeof(int));
    if (!context->inner_offsets) return 1;
    for (int index = 0; index < context->size; index++) {
        rasqal_variable *variable = rasqal_rowsource_get_variable_by_offset(rowsource, index);
        context->inner_offsets[index] = variable ? rasqal_rowsource_get_variable_offset_by_name(context->inner, variable->name) : -1;
    }
    return 0;
}

static rasqal_row *one_pass_read_row(rasqal_rowsource *rowsource, void *user_data) {
    one_pass_context *context = user_data;
    rasqal_row *row = rasqal_rowsource_read_row(context->inner);
    if (!row) return NULL;
    rasqal_row *joined = rasqal_new_row_for_size(rasqal_rowsource_fields(rowsource)->world, context->size);
    if (joined) {
        rasqal_row_set_rowsource(joined, rowsource);
        rasqal_row_fields(joined)->offset = rasqal_row_fields(row)->offset;
        rasqal_literal **values = rasqal_row_fields(row)->values;
        for (int index = 0; index < context->size; index++) {
            int inner = context->inner_offsets[index];
            // The graph is the value the block's first matching triple gave ?g, which is still bound.
            rasqal_literal *value = inner >= 0 ? values[inner] : index == 0 ? context->graph->value : NULL;
            if (value) rasqal_row_set_value_at(joined, index, value);
        }
    }
    rasqal_free_row(row);
    return joined;
}

static int one_pass_reset(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    return rasqal_rowsource_reset(((one_pass_context *)user_data)->inner);
}

static rasqal_rowsource *one_pass_inner(rasqal_rowsource *rowsource, void *user_data, int offset) {
    (void)rowsource;
    return offset == 0 ? ((one_pass_context *)user_data)->inner : NULL;
}

// An enclosing GRAPH's graph stops here: inside, the triples' graph stays ?g (1: handled).
static int one_pass_set_origin(rasqal_rowsource *rowsource, void *user_data, rasqal_literal *origin) {
    (void)rowsource, (void)user_data, (void)origin;
    return 1;
}

static const rasqal_handler_layout one_pass_handler = {
    .version = 1,
    .name = "graph",
    .finish = one_pass_finish,
    .ensure_variables = one_pass_ensure_variables,
    .read_row = one_pass_read_row,
    .reset = one_pass_reset,
    .get_inner_rowsource = one_pass_inner,
    .set_origin = one_pass_set_origin,
};

rasqal_rowsource *rasqal_new_graph_rowsource(rasqal_world *world, rasqal_query *query, rasqal_rowsource *rowsource,
                                             rasqal_variable *var) {
    if (!coatt_is_rasqal_0_9_33() || !world || !query || !rowsource || !var || !reads_in_one_pass(var)) {
        rasqal_rowsource *(*own)(rasqal_world *, rasqal_query *, rasqal_rowsource *, rasqal_variable *) =
            coatt_rasqal_own_function("rasqal_new_graph_rowsource");
        return own ? own(world, query, rowsource, var) : NULL;
    }
    one_pass_context *context = calloc(1, sizeof(*context));
    rasqal_literal *graph = rasqal_new_variable_literal(world, rasqal_new_variable_from_variable(var));
    if (!context || !graph) {
        free(context);
        if (graph) rasqal_free_literal(graph);
        rasqal_free_rowsource(rowsource);
        return NULL;
    }
    rasqal_rowsource_set_origin(rowsource, graph);
    rasqal_free_literal(graph);
    context->inner = rowsource;
    context->graph = var;
    return rasqal_new_rowsource_from_handler(world, query, context, &one_pass_handler,
                                             rasqal_rowsource_fields(rowsource)->vars_table, 0);
}
