// The order of values MIN and MAX choose by (see rasqal_value_order.h).

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_group_keys.h"
#include "rasqal_internals.h"
#include "rasqal_value_order.h"

/// A value's place among kinds: values of one kind are compared by value, where `<` can.
static int kind_rank(rasqal_literal *value) {
    switch (value->type) {
    case RASQAL_LITERAL_BLANK: return 0;
    case RASQAL_LITERAL_URI: return 1;
    case RASQAL_LITERAL_BOOLEAN: return 3;
    case RASQAL_LITERAL_DATE:
    case RASQAL_LITERAL_DATETIME: return 4;
    case RASQAL_LITERAL_STRING:
    case RASQAL_LITERAL_XSD_STRING: return 5;
    default: return rasqal_literal_is_numeric(value) ? 2 : 6;
    }
}

int coatt_compare_values_in_order(rasqal_literal *a, rasqal_literal *b) {
    a = rasqal_literal_value(a);
    b = rasqal_literal_value(b);
    int a_rank = kind_rank(a), b_rank = kind_rank(b);
    if (a_rank != b_rank) return a_rank - b_rank;
    int error = 0;
    // XQUERY: SPARQL's operator mapping (numeric promotion); URI: IRIs compare by text.
    int result = rasqal_literal_compare(a, b, RASQAL_COMPARE_XQUERY | RASQAL_COMPARE_URI, &error);
    return error ? coatt_compare_group_key_terms(a, b, 0) : result;
}
