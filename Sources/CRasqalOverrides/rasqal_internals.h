#ifndef COATT_RASQAL_INTERNALS_H
#define COATT_RASQAL_INTERNALS_H

// The leading fields of three structs of rasqal 0.9.33's rasqal_internal.h, which Debian does
// not install; read only after coatt_is_rasqal_0_9_33().

#include <rasqal.h>

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
