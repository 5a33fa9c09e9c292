// The order of values ORDER BY sorts by and MIN and MAX choose by (see rasqal_value_order.h).

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_group_keys.h"
#include "rasqal_internals.h"
#include "rasqal_number_kinds.h"
#include "rasqal_value_order.h"

enum coatt_value_kind coatt_value_kind_of(const rasqal_literal *value) {
    if (coatt_is_number_type(value->type)) return COATT_NUMBER;
    switch (value->type) {
    case RASQAL_LITERAL_BLANK: return COATT_BLANK;
    case RASQAL_LITERAL_URI: return COATT_IRI;
    case RASQAL_LITERAL_BOOLEAN: return COATT_BOOLEAN;
    case RASQAL_LITERAL_DATE:
    case RASQAL_LITERAL_DATETIME: return COATT_DATE_TIME;
    case RASQAL_LITERAL_STRING: // language-tagged too
    case RASQAL_LITERAL_XSD_STRING: return COATT_STRING;
    default: return COATT_OTHER;
    }
}

/// The value a variable holds, or the value itself.
static rasqal_literal *value_of(rasqal_literal *value) {
    return value && value->type == RASQAL_LITERAL_VARIABLE ? rasqal_literal_value(value) : value;
}

int coatt_compare_values_in_order(rasqal_literal *a, rasqal_literal *b) {
    a = value_of(a);
    b = value_of(b);
    if (!a || !b) return (a != NULL) - (b != NULL);
    enum coatt_value_kind a_rank = coatt_value_kind_of(a), b_rank = coatt_value_kind_of(b);
    if (a_rank != b_rank) return (int)a_rank - (int)b_rank;
    // Kinds ordered by text are compared here, without rasqal's promotions: a sort makes
    // n log n comparisons. Strings go by text, then language tag (none first), so labels sort
    // alphabetically whatever their tags; any other literal not compared by value by datatype,
    // then text.
    switch (a_rank) {
    case COATT_BLANK: return coatt_compare_bytes(a->string, a->string_len, b->string, b->string_len);
    case COATT_STRING: {
        int by_text = coatt_compare_bytes(a->string, a->string_len, b->string, b->string_len);
        return by_text ? by_text : coatt_compare_group_key_terms(a, b, 0);
    }
    case COATT_IRI: return coatt_compare_uri_text(a->value.uri, b->value.uri);
    case COATT_OTHER:
        if (a->datatype && b->datatype) {
            int by_type = coatt_compare_uri_text(a->datatype, b->datatype);
            if (by_type) return by_type;
        }
        break;
    default: break;
    }
    int error = 0;
    // XQUERY: SPARQL's operator mapping (numeric promotion).
    int result = rasqal_literal_compare(a, b, RASQAL_COMPARE_XQUERY, &error);
    return error ? coatt_compare_group_key_terms(a, b, 0) : result;
}
