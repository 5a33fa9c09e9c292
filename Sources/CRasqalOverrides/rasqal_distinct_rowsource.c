// rasqal 0.9.33's distinct rowsource (a sub-SELECT's DISTINCT or REDUCED) with rows that do not
// refer back to it. rasqal keeps each distinct row in its map and hands the same row on after
// making the distinct rowsource its rowsource: the map then holds references to the rowsource
// that holds the map, a cycle never freed, so every query with such a sub-SELECT left it and
// the rows it kept behind (about 3 KB a query). The rows handed on here keep the rowsource they
// came from, whose variables are the same, in the same order.

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_handler_patch.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"

/// rasqal_distinct_rowsource_context.
typedef struct {
    rasqal_rowsource *rowsource;
    rasqal_map *map;
    int offset;
} distinct_layout;

static void amend(rasqal_handler_layout *handler);
static coatt_handler_patch patch = COATT_HANDLER_PATCH(amend);

static rasqal_row *read_row(rasqal_rowsource *rowsource, void *user_data) {
    (void)rowsource;
    distinct_layout *context = user_data;
    rasqal_row *row;
    // The map keeps a row that is new (0) and frees a repeat.
    while ((row = rasqal_rowsource_read_row(context->rowsource)) && rasqal_engine_rowsort_map_add_row(context->map, row)) {}
    if (!row) return NULL;
    row = rasqal_new_row_from_row(row);
    rasqal_row_fields(row)->offset = context->offset++;
    return row;
}

static void amend(rasqal_handler_layout *handler) { handler->read_row = read_row; }

rasqal_rowsource *rasqal_new_distinct_rowsource(rasqal_world *world, rasqal_query *query, rasqal_rowsource *rowsource) {
    static _Atomic(void *) own_function;
    rasqal_rowsource *(*own)(rasqal_world *, rasqal_query *, rasqal_rowsource *) =
        coatt_rasqal_cached_own_function(&own_function, "rasqal_new_distinct_rowsource");
    rasqal_rowsource *distinct = own ? own(world, query, rowsource) : NULL;
    if (distinct && coatt_is_rasqal_0_9_33()) coatt_patch_handler(&patch, distinct);
    return distinct;
}
