// Rows handed on by ORDER BY and by aggregation bind their variables, in place of rasqal 0.9.33's
// rasqal_rowsource_read_row alone. rasqal evaluates a FILTER, a BIND and a join's condition
// against the variables' current values, which a triple pattern sets while it matches; the sort
// and aggregation rowsources hand on rows they made or kept earlier and set none, so
// `{ SELECT … ORDER BY ?k } FILTER(?v = "q")` tested another row's ?v (it answered nothing),
// `{ SELECT ?k (COUNT(*) AS ?n) … GROUP BY ?k } FILTER(?n > 1)` paired keys with other groups'
// counts, and a BIND after such a sub-SELECT took the previous row's values. Rows of the other
// rowsources are left as they were: GRAPH ?g keeps ?g as its own state, which binding a UNION's
// other branch would overwrite.

#include <stdatomic.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_internals.h"
#include "rasqal_library.h"

typedef rasqal_row *(*read_row_function)(rasqal_rowsource *);

static _Atomic(void *) library_read_row;

static const char *handler_name(const rasqal_rowsource_layout *rowsource) {
    return rowsource && rowsource->handler ? rowsource->handler->name : NULL;
}

static int binds_rows(const char *name) {
    return name && (!strcmp(name, "sort") || !strcmp(name, "aggregation"));
}

rasqal_row *rasqal_rowsource_read_row(rasqal_rowsource *rowsource) {
    read_row_function own = (read_row_function)coatt_rasqal_cached_own_function(&library_read_row, "rasqal_rowsource_read_row");
    if (!own) return NULL;
    rasqal_row *row = own(rowsource);
    if (!row || !coatt_is_rasqal_0_9_33()) return row;
    // rasqal_row_bind_variables reads the variables of the row's rowsource, not the table.
    if (binds_rows(handler_name((const rasqal_rowsource_layout *)rowsource)) && rasqal_row_fields(row)->rowsource)
        rasqal_row_bind_variables(row, NULL);
    return row;
}
