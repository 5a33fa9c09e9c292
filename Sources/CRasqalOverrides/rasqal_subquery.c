// The projection of a sub-SELECT and the variables of a VALUES block, which rasqal 0.9.33 keeps in
// its graph patterns without an accessor.

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

int coatt_rasqal_subquery_is_wildcard(void *pattern) {
    if (!pattern || !coatt_is_rasqal_0_9_33()) return 0;
    const rasqal_graph_pattern_layout *fields = pattern;
    return fields->op == RASQAL_GRAPH_PATTERN_OPERATOR_SELECT && fields->projection && fields->projection->wildcard;
}

void *coatt_rasqal_values_variables(void *pattern) {
    if (!pattern || !coatt_is_rasqal_0_9_33()) return NULL;
    const rasqal_graph_pattern_layout *fields = pattern;
    if (fields->op != RASQAL_GRAPH_PATTERN_OPERATOR_VALUES && fields->op != RASQAL_GRAPH_PATTERN_OPERATOR_SELECT) return NULL;
    return fields->bindings ? fields->bindings->variables : NULL;
}

static int is_empty(raptor_sequence *sequence) { return !sequence || raptor_sequence_size(sequence) == 0; }

int coatt_rasqal_subquery_is_plain_distinct(void *pattern) {
    if (!pattern || !coatt_is_rasqal_0_9_33()) return 0;
    const rasqal_graph_pattern_layout *fields = pattern;
    if (fields->op != RASQAL_GRAPH_PATTERN_OPERATOR_SELECT || !fields->projection || fields->projection->distinct != 1
        || fields->bindings) return 0;
    const rasqal_solution_modifier_layout *modifier = fields->modifier;
    return !modifier || (is_empty(modifier->order_conditions) && is_empty(modifier->group_conditions)
                         && is_empty(modifier->having_conditions) && modifier->limit < 0 && modifier->offset < 0);
}
