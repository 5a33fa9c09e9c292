// What kind of number a rasqal literal is, and its value as a double (see rasqal_number_kinds.h).

#include <math.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_number_kinds.h"

int coatt_is_number_type(rasqal_literal_type type) {
    switch (type) {
    case RASQAL_LITERAL_INTEGER:
    case RASQAL_LITERAL_INTEGER_SUBTYPE:
    case RASQAL_LITERAL_DECIMAL:
    case RASQAL_LITERAL_FLOAT:
    case RASQAL_LITERAL_DOUBLE: return 1;
    default: return 0;
    }
}

int coatt_is_floating_type(rasqal_literal_type type) { return type == RASQAL_LITERAL_DOUBLE || type == RASQAL_LITERAL_FLOAT; }

double coatt_number_as_double(rasqal_literal *number) {
    switch (number->type) {
    case RASQAL_LITERAL_INTEGER:
    case RASQAL_LITERAL_INTEGER_SUBTYPE: return (double)number->value.integer;
    case RASQAL_LITERAL_DECIMAL: return rasqal_xsd_decimal_get_double(number->value.decimal);
    default: return number->value.floating;
    }
}

int coatt_floating_order(rasqal_literal *a, rasqal_literal *b, int *unordered) {
    double x = coatt_number_as_double(a), y = coatt_number_as_double(b);
    if (a->type != RASQAL_LITERAL_DOUBLE && b->type != RASQAL_LITERAL_DOUBLE) {
        x = (float)x;
        y = (float)y;
    }
    *unordered = isnan(x) || isnan(y);
    return (x > y) - (x < y);
}

static int is_boolean(rasqal_literal *l) {
    rasqal_literal *value = l ? rasqal_literal_value(l) : NULL;
    return value && value->type == RASQAL_LITERAL_BOOLEAN;
}

int coatt_either_is_boolean(rasqal_literal *l1, rasqal_literal *l2) { return is_boolean(l1) || is_boolean(l2); }
