// `=` and `!=` between a boolean and a number are a type error, as SPARQL 1.1 has no operator for
// them (§17.3), in place of rasqal 0.9.33's rasqal_literal_equals_flags, which promoted the boolean
// to a number: `FILTER(?v = 1)` matched "1"^^xsd:boolean and "true"^^xsd:boolean. Doubles and
// floats are equal when their values are (IEEE 754, as XPath's op:numeric-equal says): rasqal
// took values within 1e-15 of each other for equal (0.1e0 + 0.2e0 = 0.3e0 was true) and NaN for
// equal to itself. Every other comparison stays rasqal's.

#include <math.h>
#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_library.h"
#include "rasqal_number_kinds.h"

typedef int (*equals_function)(rasqal_literal *, rasqal_literal *, int, int *);

/// `a` = `b` for two numbers of which one is a double or a float, in the type both promote to
/// (false for NaN, as IEEE 754 says).
static int floating_equal(rasqal_literal *a, rasqal_literal *b) {
    int unordered = 0;
    return coatt_floating_order(a, b, &unordered) == 0 && !unordered;
}

/// Whether one value is a boolean and the other a number.
static int boolean_and_number(rasqal_literal *a, rasqal_literal *b) {
    if (!a || !b) return 0;
    return (a->type == RASQAL_LITERAL_BOOLEAN && coatt_is_number_type(b->type)) || (b->type == RASQAL_LITERAL_BOOLEAN && coatt_is_number_type(a->type));
}

int rasqal_literal_equals_flags(rasqal_literal *l1, rasqal_literal *l2, int flags, int *error_p) {
    static _Atomic(void *) library_equals;
    equals_function own = (equals_function)coatt_rasqal_cached_own_function(&library_equals, "rasqal_literal_equals_flags");
    if (!own) {
        if (error_p) *error_p = 1;
        return 0;
    }
    if (!coatt_is_rasqal_0_9_33() || !(flags & RASQAL_COMPARE_XQUERY)) return own(l1, l2, flags, error_p);
    rasqal_literal *a = rasqal_literal_value(l1), *b = rasqal_literal_value(l2);
    if (boolean_and_number(a, b)) {
        if (error_p) *error_p = 1;
        return 0;
    }
    if (a && b && coatt_is_number_type(a->type) && coatt_is_number_type(b->type) && (coatt_is_floating_type(a->type) || coatt_is_floating_type(b->type))) {
        if (error_p) *error_p = 0;
        return floating_equal(a, b);
    }
    return own(l1, l2, flags, error_p);
}
