#ifndef COATT_RASQAL_PROJECTED_VALUES_H
#define COATT_RASQAL_PROJECTED_VALUES_H

#include <rasqal.h>

/// Keeps the values of `row`, read from `rowsource`, if the rowsource named `name` hands on a
/// SELECT's or a VALUES block's rows.
__attribute__((visibility("hidden"))) void coatt_keep_projected_values(const char *name, rasqal_rowsource *rowsource, rasqal_row *row);

#endif
