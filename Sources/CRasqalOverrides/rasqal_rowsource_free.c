// rasqal_free_rowsource defined again, to free a rowsource kept alive only by the rows it saved;
// with rasqal_new_rowsource_from_handler, to count the rowsources alive.
//
// A row holds a reference to the rowsource that made it, and a rowsource that saves its rows
// to give them again (under a join or UNION, which may reset it) keeps them in its own
// rows_sequence. For a rowsource that makes its rows itself — the aggregation one — that is a
// cycle, which rasqal 0.9.33 never breaks: every query joining an aggregating sub-SELECT with a
// pattern left the sub-SELECT's rowsource, its rows and its expressions behind (about 9 KB a
// query in a long-running endpoint worker). When every reference but the caller's comes from
// those saved rows, nothing else can reach them: they are freed first, then the rowsource.

#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "CRasqalOverrides.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"

static atomic_long alive = 0;

long coatt_rasqal_rowsources_alive(void) { return atomic_load(&alive); }

rasqal_rowsource *rasqal_new_rowsource_from_handler(rasqal_world *world, rasqal_query *query, void *user_data,
                                                    const void *handler, rasqal_variables_table *vars_table, int flags) {
    static _Atomic(void *) own_function;
    rasqal_rowsource *(*own)(rasqal_world *, rasqal_query *, void *, const void *, rasqal_variables_table *, int) =
        coatt_rasqal_cached_own_function(&own_function, "rasqal_new_rowsource_from_handler");
    rasqal_rowsource *rowsource = own ? own(world, query, user_data, handler, vars_table, flags) : NULL;
    if (rowsource && coatt_is_rasqal_0_9_33()) atomic_fetch_add(&alive, 1);
    return rowsource;
}

/// How many of the rowsource's saved rows refer to it and are held by nothing else.
static int rows_holding_only_their_maker(rasqal_rowsource_layout *fields) {
    int count = 0;
    int size = raptor_sequence_size(fields->rows_sequence);
    for (int index = 0; index < size; index++) {
        rasqal_row_layout *row = raptor_sequence_get_at(fields->rows_sequence, index);
        if (row && row->usage == 1 && row->rowsource == fields) count++;
    }
    return count;
}

void rasqal_free_rowsource(rasqal_rowsource *rowsource) {
    static _Atomic(void *) own_function;
    void (*own)(rasqal_rowsource *) = coatt_rasqal_cached_own_function(&own_function, "rasqal_free_rowsource");
    if (!own) return;
    rasqal_rowsource_layout *fields = rasqal_rowsource_fields(rowsource);
    if (fields && coatt_is_rasqal_0_9_33() && fields->usage > 1 && fields->rows_sequence
        && fields->usage - 1 == rows_holding_only_their_maker(fields)) {
        raptor_sequence *rows = fields->rows_sequence;
        fields->rows_sequence = NULL;
        fields->flags &= ~rasqal_rowsource_has_saved_rows;
        raptor_free_sequence(rows); // each row's free takes one reference back
    }
    if (fields && coatt_is_rasqal_0_9_33() && fields->usage == 1) atomic_fetch_sub(&alive, 1);
    own(rowsource);
}
