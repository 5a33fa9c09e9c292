// Triple patterns that must not bind a variable although rasqal's map says they do: the graph
// variable of a GRAPH block rasqal runs itself, in a basic pattern after the block (SQLiteStorage's
// RasqalGraphVariableJoin). rasqal 0.9.33 counts a GRAPH block's variable as bound by no pattern,
// so the first triple pattern after it that names the variable binds it afresh, and the join
// with the block's rows pairs every value with every graph. Not bound there, the triple reads the
// value the block set for the row being joined. rasqal_query_variable_bound_in_triple, which
// rasqal's triples rowsource asks, is defined again here to answer so; the notes are dropped when
// the query is freed (rasqal_free_query is defined again here for that).

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "CRasqalOverrides.h"
#include "rasqal_library.h"

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int noted = 0;

enum { CAPACITY = 256 };
static struct {
    const void *query;
    const void *variable;
    int column;
} unbound[CAPACITY];

int coatt_rasqal_unbind_in_triple(void *query, void *variable, int column) {
    int added = 0;
    pthread_mutex_lock(&table_lock);
    for (int slot = 0; slot < CAPACITY; slot++) {
        if (unbound[slot].query) continue;
        unbound[slot].query = query;
        unbound[slot].variable = variable;
        unbound[slot].column = column;
        atomic_fetch_add(&noted, 1);
        added = 1;
        break;
    }
    pthread_mutex_unlock(&table_lock);
    return added;
}

static void forget_unbound_triples(const rasqal_query *query) {
    if (!atomic_load_explicit(&noted, memory_order_relaxed)) return;
    pthread_mutex_lock(&table_lock);
    for (int slot = 0; slot < CAPACITY; slot++) {
        if (unbound[slot].query != query) continue;
        memset(&unbound[slot], 0, sizeof(unbound[slot]));
        atomic_fetch_sub(&noted, 1);
    }
    pthread_mutex_unlock(&table_lock);
}

static int is_unbound(const rasqal_query *query, const rasqal_variable *variable, int column) {
    int found = 0;
    pthread_mutex_lock(&table_lock);
    for (int slot = 0; slot < CAPACITY && !found; slot++)
        found = unbound[slot].query == query && unbound[slot].variable == variable && unbound[slot].column == column;
    pthread_mutex_unlock(&table_lock);
    return found;
}

typedef rasqal_triple_parts (*bound_in_triple_function)(rasqal_query *, rasqal_variable *, int);

rasqal_triple_parts rasqal_query_variable_bound_in_triple(rasqal_query *query, rasqal_variable *variable, int column) {
    static _Atomic(void *) library_bound_in_triple;
    bound_in_triple_function own =
        (bound_in_triple_function)coatt_rasqal_cached_own_function(&library_bound_in_triple, "rasqal_query_variable_bound_in_triple");
    rasqal_triple_parts parts = own ? own(query, variable, column) : (rasqal_triple_parts)0;
    if (parts && atomic_load_explicit(&noted, memory_order_relaxed) && is_unbound(query, variable, column))
        return (rasqal_triple_parts)0;
    return parts;
}

void rasqal_free_query(rasqal_query *query) {
    if (query) forget_unbound_triples(query);
    static _Atomic(void *) library_free_query;
    void (*own)(rasqal_query *) = coatt_rasqal_cached_own_function(&library_free_query, "rasqal_free_query");
    if (own) own(query);
}
