#ifndef COATT_RASQAL_INTERNALS_H
#define COATT_RASQAL_INTERNALS_H

// What this module uses of rasqal 0.9.33's rasqal_internal.h, which Debian does not install:
// functions the library exports but declares only there, and the leading fields of three structs
// (read only after coatt_is_rasqal_0_9_33()).

#include <raptor2.h>
#include <rasqal.h>

typedef struct rasqal_map_s rasqal_map;
typedef struct rasqal_rowsource_s rasqal_rowsource;

int rasqal_literal_array_equals(rasqal_literal **values_a, rasqal_literal **values_b, int size);
int rasqal_literal_sequence_equals(raptor_sequence *values_a, raptor_sequence *values_b);
int rasqal_literal_array_compare(rasqal_literal **values_a, rasqal_literal **values_b,
                                 raptor_sequence *exprs_seq, int size, int compare_flags);
rasqal_row *rasqal_new_row_from_row(rasqal_row *row);
int rasqal_row_bind_variables(rasqal_row *row, rasqal_variables_table *variables);
void rasqal_log_error_simple(rasqal_world *world, raptor_log_level level, raptor_locator *locator, const char *message, ...);

/// struct rasqal_rowsource_handler_s.
typedef struct {
    int version;
    const char *name;
} rasqal_handler_layout;

/// struct rasqal_rowsource_s.
typedef struct {
    void *world, *query;
    int flags;
    void *user_data;
    const rasqal_handler_layout *handler;
} rasqal_rowsource_layout;

/// struct rasqal_row_s.
typedef struct {
    int usage;
    rasqal_rowsource_layout *rowsource;
    int offset;
    int size;
    rasqal_literal **values;
    int order_size;
    rasqal_literal **order_values;
} rasqal_row_layout;

static inline const rasqal_row_layout *rasqal_row_fields(const rasqal_row *row) { return (const rasqal_row_layout *)row; }

#endif
