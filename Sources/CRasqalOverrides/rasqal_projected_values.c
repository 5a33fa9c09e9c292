// The values of the last row a (sub-)SELECT or a VALUES block handed on, by variable, for the
// store: it looks up a pattern joined after one with them (SQLiteStorage's RasqalJoinHints). The variables
// themselves cannot carry them: the join resets the pattern, unbinding its variables, between
// reading the sub-SELECT's row and running the pattern for it. Kept only for the queries the
// store asks for, and released when rasqal frees the query (rasqal_free_query is defined again
// here, and also drops the query's notes of rasqal_triple_bindings.c), while its world and the
// literals' URIs still exist; a query may be read and freed on
// another thread than the one that ran it, so one table serves all threads.

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "CRasqalOverrides.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"
#include "rasqal_projected_values.h"
#include "rasqal_triple_bindings.h"

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int watched_queries = 0;

// Queries whose values are kept, and the last value of each variable (a reference each), most
// recent first; the least recent goes when the table is full.
enum { WATCHED_CAPACITY = 16, PROJECTED_CAPACITY = 64 };
static const rasqal_query *watched[WATCHED_CAPACITY];
static struct {
    const rasqal_query *query;
    const rasqal_variable *variable;
    rasqal_literal *value;
} projected[PROJECTED_CAPACITY];

void coatt_rasqal_keep_projected_values(void *query) {
    pthread_mutex_lock(&table_lock);
    for (int slot = 0; slot < WATCHED_CAPACITY; slot++) {
        if (watched[slot] == query) break;
        if (!watched[slot]) {
            watched[slot] = query;
            atomic_fetch_add(&watched_queries, 1);
            break;
        }
    }
    pthread_mutex_unlock(&table_lock);
}

static int is_watched(const rasqal_query *query) {
    for (int slot = 0; slot < WATCHED_CAPACITY; slot++)
        if (watched[slot] == query) return 1;
    return 0;
}

static void keep(const rasqal_query *query, const rasqal_variable *variable, rasqal_literal *value) {
    int slot = 0;
    while (slot < PROJECTED_CAPACITY - 1 && projected[slot].variable && projected[slot].variable != variable) slot++;
    if (projected[slot].value) rasqal_free_literal(projected[slot].value);
    memmove(&projected[1], &projected[0], (size_t)slot * sizeof(projected[0]));
    projected[0].query = query;
    projected[0].variable = variable;
    projected[0].value = value ? rasqal_new_literal_from_literal(value) : NULL;
}

// A SELECT's rows come out of its projection, then its ORDER BY (which hands them on later, in
// another order), DISTINCT and slice: the row the last of these handed on is the SELECT's row.
// A VALUES block's rows come out of its bindings rowsource (UNDEF as no value).
static int hands_on_projected_rows(const char *name) {
    return name && (!strcmp(name, "project") || !strcmp(name, "sort") || !strcmp(name, "distinct") || !strcmp(name, "slice")
                    || !strcmp(name, "bindings"));
}

void coatt_keep_projected_values(const char *name, rasqal_rowsource *rowsource, rasqal_row *row) {
    if (!atomic_load_explicit(&watched_queries, memory_order_relaxed) || !hands_on_projected_rows(name)) return;
    rasqal_row_layout *fields = rasqal_row_fields(row);
    // A VALUES row names no rowsource of its own: its values follow the variables of the one read.
    const rasqal_rowsource_layout *source = fields->rowsource ? fields->rowsource : (const rasqal_rowsource_layout *)rowsource;
    const rasqal_query *query = source->query;
    pthread_mutex_lock(&table_lock);
    if (is_watched(query)) {
        for (int index = 0; index < fields->size; index++) {
            rasqal_variable *variable = rasqal_rowsource_get_variable_by_offset((rasqal_rowsource *)source, index);
            if (variable) keep(query, variable, fields->values[index]);
        }
    }
    pthread_mutex_unlock(&table_lock);
}

void *coatt_rasqal_projected_value(const void *variable) {
    rasqal_literal *value = NULL;
    pthread_mutex_lock(&table_lock);
    for (int slot = 0; slot < PROJECTED_CAPACITY && projected[slot].variable; slot++) {
        if (projected[slot].variable == variable) {
            value = projected[slot].value ? rasqal_new_literal_from_literal(projected[slot].value) : NULL;
            break;
        }
    }
    pthread_mutex_unlock(&table_lock);
    return value;
}

void rasqal_free_query(rasqal_query *query) {
    if (query) coatt_forget_unbound_triples(query);
    if (query && atomic_load_explicit(&watched_queries, memory_order_relaxed)) {
        pthread_mutex_lock(&table_lock);
        for (int slot = 0; slot < WATCHED_CAPACITY; slot++) {
            if (watched[slot] != query) continue;
            watched[slot] = NULL;
            atomic_fetch_sub(&watched_queries, 1);
            int kept = 0;
            for (int entry = 0; entry < PROJECTED_CAPACITY && projected[entry].variable; entry++) {
                if (projected[entry].query == query) {
                    if (projected[entry].value) rasqal_free_literal(projected[entry].value);
                } else {
                    projected[kept++] = projected[entry];
                }
            }
            memset(&projected[kept], 0, (size_t)(PROJECTED_CAPACITY - kept) * sizeof(projected[0]));
        }
        pthread_mutex_unlock(&table_lock);
    }
    static _Atomic(void *) library_free_query;
    void (*own)(rasqal_query *) = coatt_rasqal_cached_own_function(&library_free_query, "rasqal_free_query");
    if (own) own(query);
}
