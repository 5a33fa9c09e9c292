#ifndef COATT_RASQAL_PROJECTED_VALUES_H
#define COATT_RASQAL_PROJECTED_VALUES_H

#include <rasqal.h>

/// Keeps the values of `row` if the rowsource named `name` hands on a SELECT's rows.
__attribute__((visibility("hidden"))) void coatt_keep_projected_values(const char *name, rasqal_row *row);

#endif
