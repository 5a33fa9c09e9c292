// The projection of a sub-SELECT, which rasqal 0.9.33 keeps in its graph pattern without an accessor.

#include <raptor2.h>
#include <rasqal.h>

#include "CRasqalOverrides.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"

void *coatt_rasqal_subquery_variables(void *pattern) {
    if (!pattern || !coatt_is_rasqal_0_9_33()) return NULL;
    const rasqal_graph_pattern_layout *fields = pattern;
    if (fields->op != RASQAL_GRAPH_PATTERN_OPERATOR_SELECT || !fields->projection) return NULL;
    return fields->projection->variables;
}
