#ifndef COATT_RASQAL_INTERNALS_H
#define COATT_RASQAL_INTERNALS_H

// What this module uses of rasqal 0.9.33's rasqal_internal.h, which Debian does not install:
// functions the library exports but declares only there, the rowsource handler, and the leading
// fields of the structs read here (used only after coatt_is_rasqal_0_9_33()).

#include <raptor2.h>
#include <rasqal.h>

typedef struct rasqal_map_s rasqal_map;
typedef struct rasqal_rowsource_s rasqal_rowsource;

int rasqal_literal_array_equals(rasqal_literal **values_a, rasqal_literal **values_b, int size);
int rasqal_literal_sequence_equals(raptor_sequence *values_a, raptor_sequence *values_b);
rasqal_row *rasqal_new_row_from_row(rasqal_row *row);
raptor_sequence *rasqal_expression_copy_expression_sequence(raptor_sequence *expressions);
raptor_sequence *rasqal_expression_sequence_evaluate(rasqal_query *query, raptor_sequence *expressions, int ignore_errors,
                                                     int *error);
int rasqal_literal_sequence_compare(int compare_flags, raptor_sequence *values_a, raptor_sequence *values_b);
int rasqal_row_bind_variables(rasqal_row *row, rasqal_variables_table *variables);
int rasqal_literal_as_boolean(rasqal_literal *literal, int *error_p);
rasqal_literal *rasqal_literal_add(rasqal_literal *l1, rasqal_literal *l2, int *error);
rasqal_literal *rasqal_literal_subtract(rasqal_literal *l1, rasqal_literal *l2, int *error);
rasqal_literal *rasqal_literal_multiply(rasqal_literal *l1, rasqal_literal *l2, int *error);
rasqal_literal *rasqal_literal_divide(rasqal_literal *l1, rasqal_literal *l2, int *error);
rasqal_literal *rasqal_literal_negate(rasqal_literal *l, int *error);
rasqal_literal *rasqal_literal_abs(rasqal_literal *l, int *error);
raptor_uri *rasqal_xsd_datatype_type_to_uri(rasqal_world *world, rasqal_literal_type type);
rasqal_literal_type rasqal_xsd_datatype_uri_to_type(rasqal_world *world, raptor_uri *uri);
int rasqal_literal_string_to_native(rasqal_literal *l, int flags);
rasqal_map *rasqal_new_literal_sequence_sort_map(int is_distinct, int compare_flags);
int rasqal_literal_sequence_sort_map_add_literal_sequence(rasqal_map *map, raptor_sequence *literals);
void rasqal_log_error_simple(rasqal_world *world, raptor_log_level level, raptor_locator *locator, const char *message, ...);

rasqal_rowsource *rasqal_new_rowsource_from_handler(rasqal_world *world, rasqal_query *query, void *user_data,
                                                    const void *handler, rasqal_variables_table *vars_table, int flags);
void rasqal_free_rowsource(rasqal_rowsource *rowsource);
rasqal_row *rasqal_rowsource_read_row(rasqal_rowsource *rowsource);
int rasqal_rowsource_reset(rasqal_rowsource *rowsource);
rasqal_row *rasqal_new_row(rasqal_rowsource *rowsource);
void rasqal_free_map(rasqal_map *map);
int rasqal_engine_rowsort_map_add_row(rasqal_map *map, rasqal_row *row);
int rasqal_rowsource_set_origin(rasqal_rowsource *rowsource, rasqal_literal *literal);
int rasqal_rowsource_ensure_variables(rasqal_rowsource *rowsource);
int rasqal_rowsource_add_variable(rasqal_rowsource *rowsource, rasqal_variable *v);
int rasqal_rowsource_copy_variables(rasqal_rowsource *dest_rowsource, rasqal_rowsource *src_rowsource);
int rasqal_rowsource_get_size(rasqal_rowsource *rowsource);
rasqal_variable *rasqal_rowsource_get_variable_by_offset(rasqal_rowsource *rowsource, int offset);
int rasqal_rowsource_get_variable_offset_by_name(rasqal_rowsource *rowsource, const unsigned char *name);
rasqal_row *rasqal_new_row_for_size(rasqal_world *world, int size);
void rasqal_row_set_rowsource(rasqal_row *row, rasqal_rowsource *rowsource);

/// struct rasqal_rowsource_handler_s (rasqal_rowsource_handler), version 1.
typedef struct {
    int version;
    const char *name;
    int (*init)(rasqal_rowsource *rowsource, void *user_data);
    int (*finish)(rasqal_rowsource *rowsource, void *user_data);
    int (*ensure_variables)(rasqal_rowsource *rowsource, void *user_data);
    rasqal_row *(*read_row)(rasqal_rowsource *rowsource, void *user_data);
    raptor_sequence *(*read_all_rows)(rasqal_rowsource *rowsource, void *user_data);
    int (*reset)(rasqal_rowsource *rowsource, void *user_data);
    int (*set_requirements)(rasqal_rowsource *rowsource, void *user_data, unsigned int flags);
    rasqal_rowsource *(*get_inner_rowsource)(rasqal_rowsource *rowsource, void *user_data, int offset);
    int (*set_origin)(rasqal_rowsource *rowsource, void *user_data, rasqal_literal *origin);
} rasqal_handler_layout;

/// struct rasqal_rowsource_s.
typedef struct {
    rasqal_world *world;
    rasqal_query *query;
    int flags;
    void *user_data;
    const rasqal_handler_layout *handler;
    unsigned int finished : 1;
    int count;
    int updated_variables;
    rasqal_variables_table *vars_table;
    raptor_sequence *variables_sequence;
    int size;
    /// The rows of a rowsource that gives them all at once (no read_row), or that keeps the rows
    /// it gave to give them again (`rasqal_rowsource_saves_rows`, then `…_has_saved_rows`), read
    /// out from `offset`.
    raptor_sequence *rows_sequence;
    int offset;
    unsigned int generate_group : 1;
    /// References: its owner's, and one per row made by it (rasqal_new_row) still alive.
    int usage;
} rasqal_rowsource_layout;

/// rasqal_internal.h's RASQAL_ROWSOURCE_FLAGS_SAVE_ROWS and _SAVED_ROWS (`flags`), and
/// RASQAL_ROWSOURCE_REQUIRE_RESET (what a join or UNION asks of its sides).
enum { rasqal_rowsource_saves_rows = 0x01, rasqal_rowsource_has_saved_rows = 0x02, rasqal_rowsource_require_reset = 1 << 0 };

/// struct rasqal_row_s.
typedef struct {
    int usage;
    rasqal_rowsource_layout *rowsource;
    int offset;
    int size;
    rasqal_literal **values;
    int order_size;
    rasqal_literal **order_values;
    int group_id;
} rasqal_row_layout;

/// rasqal_projection.
typedef struct {
    rasqal_query *query;
    raptor_sequence *variables;
    unsigned int wildcard : 1;
    int distinct;
} rasqal_projection_layout;

/// rasqal_bindings (a VALUES block).
typedef struct {
    int usage;
    rasqal_query *query;
    raptor_sequence *variables;
    raptor_sequence *rows;
} rasqal_bindings_layout;

/// rasqal_solution_modifier.
typedef struct {
    rasqal_query *query;
    raptor_sequence *order_conditions, *group_conditions, *having_conditions;
    int limit, offset;
} rasqal_solution_modifier_layout;

/// struct rasqal_graph_pattern_s.
typedef struct {
    rasqal_query *query;
    rasqal_graph_pattern_operator op;
    raptor_sequence *triples, *graph_patterns;
    int start_column, end_column;
    rasqal_expression *filter_expression;
    int gp_index;
    rasqal_literal *origin;
    rasqal_variable *var;
    rasqal_projection_layout *projection;
    rasqal_solution_modifier_layout *modifier;
    unsigned int silent : 1;
    raptor_sequence *data_graphs;
    rasqal_bindings_layout *bindings;
} rasqal_graph_pattern_layout;

static inline rasqal_row_layout *rasqal_row_fields(rasqal_row *row) { return (rasqal_row_layout *)row; }

static inline rasqal_rowsource_layout *rasqal_rowsource_fields(rasqal_rowsource *rowsource) {
    return (rasqal_rowsource_layout *)rowsource;
}

#endif
