// ROUND, CEIL, FLOOR, ABS, negation and division of doubles and floats as XPath defines them
// (SPARQL 1.1 §17.4.4, §17.3), in place of rasqal 0.9.33's for those types:
// - each was an error for a double or float below 1 in size (rasqal tested the value's integer
//   part where it meant to test it for a number): ROUND(0.3e0), CEIL(0.5e0), ABS(-0.5e0),
//   -(0.5e0) and 1 / 0.5e0 gave no value;
// - ROUND rounded halves away from zero (C's round); XPath rounds them up: ROUND(-2.5e0) is -2;
// - a division of doubles or floats by zero is INF, -INF or NaN (IEEE 754);
// - a division by or of a boolean is an error (`coatt_either_is_boolean`).
// Integers and decimals stay rasqal's (a decimal or integer division by zero is an error); ABS
// and negation are defined in `rasqal_integer_arithmetic.c`, which asks `coatt_floating_sign`.

#include <math.h>
#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_floating_functions.h"
#include "rasqal_library.h"
#include "rasqal_number_kinds.h"

typedef rasqal_literal *(*unary_function)(rasqal_literal *, int *);
typedef rasqal_literal *(*binary_function)(rasqal_literal *, rasqal_literal *, int *);

static int is_floating(const rasqal_literal *value) { return value && coatt_is_floating_type(value->type); }

static int is_number(const rasqal_literal *value) { return value && coatt_is_number_type(value->type); }

/// A literal of `type` (double or float) holding `value`; NULL, with *error_p set, when none is made.
static rasqal_literal *floating(rasqal_world *world, rasqal_literal_type type, double value, int *error_p) {
    rasqal_literal *literal = rasqal_new_floating_literal(world, type, value);
    if (!literal && error_p) *error_p = 1;
    return literal;
}

rasqal_literal *coatt_floating_sign(rasqal_literal *l, int absolute, int *error_p, int *answered) {
    rasqal_literal *value = l && coatt_is_rasqal_0_9_33() ? rasqal_literal_value(l) : NULL;
    *answered = is_floating(value);
    if (!*answered) return NULL;
    double d = value->value.floating;
    return floating(value->world, value->type, absolute ? fabs(d) : -d, error_p);
}

enum rounding { ROUND, CEIL, FLOOR };

/// `l` rounded as `rounding` says, when it is a double or float; otherwise rasqal's `name`.
static rasqal_literal *rounded(rasqal_literal *l, int *error_p, enum rounding rounding, _Atomic(void *) *library, const char *name) {
    unary_function own = (unary_function)coatt_rasqal_cached_own_function(library, name);
    rasqal_literal *value = l && coatt_is_rasqal_0_9_33() ? rasqal_literal_value(l) : NULL;
    if (own && !is_floating(value)) return own(l, error_p);
    if (!own) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    double d = value->value.floating, result;
    switch (rounding) {
    case CEIL: result = ceil(d); break;
    case FLOOR: result = floor(d); break;
    default:  // halves up, with no addition that could round 0.49999999999999994 to 1
        result = floor(d);
        if (d - result >= 0.5) result += 1.0;
        break;
    }
    if (isnan(d) || isinf(d)) result = d;
    return floating(value->world, value->type, result, error_p);
}

rasqal_literal *rasqal_literal_round(rasqal_literal *l, int *error_p) {
    static _Atomic(void *) library;
    return rounded(l, error_p, ROUND, &library, "rasqal_literal_round");
}

rasqal_literal *rasqal_literal_ceil(rasqal_literal *l, int *error_p) {
    static _Atomic(void *) library;
    return rounded(l, error_p, CEIL, &library, "rasqal_literal_ceil");
}

rasqal_literal *rasqal_literal_floor(rasqal_literal *l, int *error_p) {
    static _Atomic(void *) library;
    return rounded(l, error_p, FLOOR, &library, "rasqal_literal_floor");
}

rasqal_literal *rasqal_literal_divide(rasqal_literal *l1, rasqal_literal *l2, int *error_p) {
    static _Atomic(void *) library;
    binary_function own = (binary_function)coatt_rasqal_cached_own_function(&library, "rasqal_literal_divide");
    if (!own) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    if (coatt_is_rasqal_0_9_33() && coatt_either_is_boolean(l1, l2)) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    rasqal_literal *a = coatt_is_rasqal_0_9_33() && l1 ? rasqal_literal_value(l1) : NULL;
    rasqal_literal *b = coatt_is_rasqal_0_9_33() && l2 ? rasqal_literal_value(l2) : NULL;
    if (!is_number(a) || !is_number(b) || !(is_floating(a) || is_floating(b))) return own(l1, l2, error_p);
    rasqal_literal_type type = a->type == RASQAL_LITERAL_DOUBLE || b->type == RASQAL_LITERAL_DOUBLE ? RASQAL_LITERAL_DOUBLE : RASQAL_LITERAL_FLOAT;
    return floating(a->world, type, coatt_number_as_double(a) / coatt_number_as_double(b), error_p);
}
