// Result rows keep the very literals they were given, in place of rasqal 0.9.33's
// rasqal_row_to_nodes, which copied every typed value into a new literal holding rasqal's
// canonical string. The store's triples source gives rasqal one literal per stored term and prints
// a result by finding that literal again; a copy was printed from rasqal's string instead, so a
// stored "0"^^xsd:boolean came out as "false" and "01"^^xsd:integer as "1" (SPARQL answers with
// the terms as stored). Readers of the rows (the store's, librdf's) take the RDF form of a typed
// value themselves.

#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_internals.h"
#include "rasqal_library.h"

typedef int (*to_nodes_function)(rasqal_row *);

int rasqal_row_to_nodes(rasqal_row *row) {
    if (!coatt_is_rasqal_0_9_33()) {
        static _Atomic(void *) library_to_nodes;
        to_nodes_function own = (to_nodes_function)coatt_rasqal_cached_own_function(&library_to_nodes, "rasqal_row_to_nodes");
        return own ? own(row) : 1;
    }
    if (!row) return 1;
    rasqal_row_layout *fields = rasqal_row_fields(row);
    for (int i = 0; i < fields->size; i++) {
        rasqal_literal *value = fields->values[i];
        // Only a variable is replaced, by its value, as rasqal_literal_as_node does.
        if (!value || value->type != RASQAL_LITERAL_VARIABLE) continue;
        rasqal_literal *node = rasqal_literal_as_node(value);
        if (!node) return -1;
        rasqal_free_literal(value);
        fields->values[i] = node;
    }
    return 0;
}
