// GROUP BY by hashing, in place of rasqal 0.9.33's groupby rowsource, which
//
// - put every solution into a tree ordered by its key, comparing keys value by value: on the
//   1M-triple store, 41,830 solutions into 12,395 groups took 45 ms (this: a few);
// - had no reset, so a grouped sub-SELECT run more than once (inside `GRAPH ?g`, once per named
//   graph) gave its groups the first time and nothing after;
// - made one group of one empty row (COUNT 1, keys unbound) from no solutions, where SPARQL 1.1
//   (§11.2) makes none when GROUP BY is given.
//
// Keys are equal as rasqal_group_keys.c compares them (as RDF terms). A key expression that fails
// is unbound in the key, as SPARQL 1.1's ListEval keeps errors (rasqal left such a solution out).
// Groups come out in the order of their first solution, each group's solutions in the order they
// came.

#include <stdlib.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_handler_patch.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"
#include "rasqal_term_hash.h"

typedef struct {
    rasqal_rowsource *inner;
    /// The GROUP BY expressions; none: every solution in one group.
    raptor_sequence *keys;
    int grouped;
    /// The groups' keys, by group number, and their index.
    raptor_sequence **group_keys;
    size_t group_count, group_capacity;
    coatt_hash_index index;
    /// The solutions with their group numbers, then, once grouped, in the order they go out.
    rasqal_row **rows;
    int *groups;
    size_t row_count, row_capacity, next_row;
    int offset;
} grouping;

static void forget_rows(grouping *context) {
    for (size_t index = context->next_row; index < context->row_count; index++) rasqal_free_row(context->rows[index]);
    free(context->rows);
    free(context->groups);
    for (size_t group = 0; group < context->group_count; group++) raptor_free_sequence(context->group_keys[group]);
    free(context->group_keys);
    coatt_hash_index_free(&context->index);
    context->rows = NULL, context->groups = NULL, context->group_keys = NULL;
    context->row_count = context->row_capacity = context->next_row = 0;
    context->group_count = context->group_capacity = 0;
    context->grouped = 0;
    context->offset = 0;
}

typedef struct {
    grouping *context;
    raptor_sequence *key;
} key_candidate;

static int same_key(void *candidate, size_t group) {
    key_candidate *found = candidate;
    return rasqal_literal_sequence_compare(RASQAL_COMPARE_URI, found->context->group_keys[group], found->key) == 0;
}

/// The number of the group of `key` (taken: kept or freed), made if new; -1 when out of memory.
static int group_of(grouping *context, raptor_sequence *key) {
    uint64_t hash = 0;
    // Every key expression, the failed ones (not in the sequence) as unbound.
    int size = raptor_sequence_size(context->keys);
    for (int index = 0; index < size; index++) hash = coatt_mix_term(hash, raptor_sequence_get_at(key, index), 0);
    hash = coatt_finish_hash(hash);
    size_t slot = 0;
    if (coatt_hash_index_reserve(&context->index, context->group_count + 1)) goto failed;
    size_t found = coatt_hash_index_find(&context->index, hash, same_key, &(key_candidate){context, key}, &slot);
    if (found != SIZE_MAX) {
        raptor_free_sequence(key);
        return (int)found;
    }
    if (context->group_count == context->group_capacity) {
        size_t capacity = context->group_capacity ? context->group_capacity * 2 : 64;
        raptor_sequence **keys = realloc(context->group_keys, capacity * sizeof *keys);
        if (!keys) goto failed;
        context->group_keys = keys, context->group_capacity = capacity;
    }
    coatt_hash_index_put(&context->index, slot, hash, context->group_count);
    context->group_keys[context->group_count] = key;
    return (int)context->group_count++;
failed:
    raptor_free_sequence(key);
    return -1;
}

static int keep_row(grouping *context, rasqal_row *row, int group) {
    if (context->row_count == context->row_capacity) {
        size_t capacity = context->row_capacity ? context->row_capacity * 2 : 256;
        rasqal_row **rows = realloc(context->rows, capacity * sizeof *rows);
        if (rows) context->rows = rows;
        int *groups = rows ? realloc(context->groups, capacity * sizeof *groups) : NULL;
        if (groups) context->groups = groups;
        if (!groups) return -1;
        context->row_capacity = capacity;
    }
    context->rows[context->row_count] = row;
    context->groups[context->row_count++] = group;
    return 0;
}

/// Puts the solutions in group order (a counting sort: stable within each group).
static int order_by_group(grouping *context) {
    size_t *starts = calloc(context->group_count + 1, sizeof *starts);
    rasqal_row **rows = malloc((context->row_count ? context->row_count : 1) * sizeof *rows);
    int *groups = malloc((context->row_count ? context->row_count : 1) * sizeof *groups);
    if (!starts || !rows || !groups) {
        free(starts), free(rows), free(groups);
        return -1;
    }
    for (size_t index = 0; index < context->row_count; index++) starts[context->groups[index] + 1]++;
    for (size_t group = 0; group < context->group_count; group++) starts[group + 1] += starts[group];
    for (size_t index = 0; index < context->row_count; index++) {
        size_t place = starts[context->groups[index]]++;
        rows[place] = context->rows[index];
        groups[place] = context->groups[index];
    }
    free(starts), free(context->rows), free(context->groups);
    context->rows = rows, context->groups = groups;
    return 0;
}

static int group_input(rasqal_rowsource *rowsource, grouping *context) {
    context->grouped = 1;
    rasqal_rowsource_layout *fields = rasqal_rowsource_fields(rowsource);
    int with_keys = context->keys && raptor_sequence_size(context->keys) > 0;
    rasqal_row *row;
    while ((row = rasqal_rowsource_read_row(context->inner))) {
        int group = 0;
        if (with_keys) {
            rasqal_row_bind_variables(row, fields->vars_table);
            int error = 0;
            raptor_sequence *key = rasqal_expression_sequence_evaluate(fields->query, context->keys, 1, &error);
            group = key ? group_of(context, key) : -1;
        }
        if (group < 0 || keep_row(context, row, group)) rasqal_free_row(row);
    }
    return with_keys ? order_by_group(context) : 0;
}

static rasqal_row *read_row(rasqal_rowsource *rowsource, void *user_data) {
    grouping *context = user_data;
    if (!context->grouped && group_input(rowsource, context)) return NULL;
    if (context->next_row == context->row_count) return NULL;
    size_t next = context->next_row++;
    rasqal_row *row = context->rows[next];
    rasqal_row_bind_variables(row, rasqal_rowsource_fields(rowsource)->vars_table);
    rasqal_row_fields(row)->group_id = context->groups[next];
    rasqal_row_fields(row)->offset = context->offset++;
    return row;
}

static int ensure_variables(rasqal_rowsource *rowsource, void *user_data) {
    grouping *context = user_data;
    if (rasqal_rowsource_ensure_variables(context->inner)) return 1;
    rasqal_rowsource_fields(rowsource)->size = 0;
    return rasqal_rowsource_copy_variables(rowsource, context->inner);
}

static int reset(rasqal_rowsource *rowsource, void *user_data) {
    if (coatt_replay_saved_rows(rowsource)) return 0;
    grouping *context = user_data;
    forget_rows(context);
    return rasqal_rowsource_reset(context->inner);
}

static int finish(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    grouping *context = user_data;
    forget_rows(context);
    if (context->inner) rasqal_free_rowsource(context->inner);
    if (context->keys) raptor_free_sequence(context->keys);
    free(context);
    return 0;
}

static rasqal_rowsource *inner(rasqal_rowsource *rowsource, void *user_data, int offset) {
    (void)rowsource;
    return offset == 0 ? ((grouping *)user_data)->inner : NULL;
}

static const rasqal_handler_layout handler = {
    .version = 1,
    .name = "groupby", // the aggregation rowsource looks for it by name
    .finish = finish,
    .ensure_variables = ensure_variables,
    .read_row = read_row,
    .reset = reset,
    .set_requirements = coatt_save_rows_for_reset,
    .get_inner_rowsource = inner,
    .set_origin = coatt_forget_saved_rows,
};

rasqal_rowsource *rasqal_new_groupby_rowsource(rasqal_world *world, rasqal_query *query, rasqal_rowsource *rowsource,
                                               raptor_sequence *exprs_seq) {
    if (!coatt_is_rasqal_0_9_33()) {
        static _Atomic(void *) own_function;
        rasqal_rowsource *(*own)(rasqal_world *, rasqal_query *, rasqal_rowsource *, raptor_sequence *) =
            coatt_rasqal_cached_own_function(&own_function, "rasqal_new_groupby_rowsource");
        return own ? own(world, query, rowsource, exprs_seq) : NULL;
    }
    if (!world || !query || !rowsource) return NULL;
    grouping *context = calloc(1, sizeof *context);
    raptor_sequence *keys = exprs_seq ? rasqal_expression_copy_expression_sequence(exprs_seq) : NULL;
    if (!context || (exprs_seq && !keys)) {
        free(context);
        if (keys) raptor_free_sequence(keys);
        if (rowsource) rasqal_free_rowsource(rowsource);
        return NULL;
    }
    context->inner = rowsource;
    context->keys = keys;
    return rasqal_new_rowsource_from_handler(world, query, context, &handler, rasqal_rowsource_fields(rowsource)->vars_table, 0);
}
