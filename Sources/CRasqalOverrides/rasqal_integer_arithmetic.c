// Integer arithmetic without wrapping, in place of rasqal 0.9.33's for integers. rasqal keeps an
// xsd:integer in a C int and adds, subtracts, multiplies, negates and takes ABS of two in int,
// so 2000000000 + 2000000000 gave -294967296, and SUM of large counts (which adds with
// rasqal_literal_add) was silently wrong. An integer read from data that does not fit in an int
// rasqal already keeps exactly, as an xsd:decimal; a result that does not fit is made the same
// way here. Every other case goes on to the library's own function, as does every call with any
// rasqal version but 0.9.33.

#include <limits.h>
#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_internals.h"
#include "rasqal_library.h"

typedef rasqal_literal *(*binary_function)(rasqal_literal *, rasqal_literal *, int *);
typedef rasqal_literal *(*unary_function)(rasqal_literal *, int *);

/// The int a value holds, when it is an integer (xsd:integer or a type derived from it).
static int integer_value(rasqal_literal *literal, long long *value) {
    rasqal_literal *held = rasqal_literal_value(literal);
    if (!held || (held->type != RASQAL_LITERAL_INTEGER && held->type != RASQAL_LITERAL_INTEGER_SUBTYPE)) return 0;
    *value = held->value.integer;
    return 1;
}

/// `value` as rasqal keeps an integer beyond an int: an exact xsd:decimal (written as rasqal
/// writes its decimal results, `4000000000.0`).
static rasqal_literal *wide_integer(rasqal_world *world, long long value) {
    rasqal_xsd_decimal *decimal = rasqal_new_xsd_decimal(world);
    if (!decimal) return NULL;
    if (rasqal_xsd_decimal_set_long(decimal, (long)value)) {
        rasqal_free_xsd_decimal(decimal);
        return NULL;
    }
    return rasqal_new_decimal_literal_from_decimal(world, NULL, decimal);
}

/// `value`, which fits no int, as the call's result, with `*error` set as the library sets it.
static rasqal_literal *wide_result(rasqal_world *world, long long value, int *error) {
    rasqal_literal *wide = wide_integer(world, value);
    if (error) *error = wide == NULL;
    return wide;
}

static int fits_int(long long value) { return value >= INT_MIN && value <= INT_MAX; }

enum operation { ADD, SUBTRACT, MULTIPLY };

static rasqal_literal *binary(_Atomic(void *) *library, const char *name, enum operation operation,
                              rasqal_literal *l1, rasqal_literal *l2, int *error) {
    binary_function own = (binary_function)coatt_rasqal_cached_own_function(library, name);
    if (!own) {
        if (error) *error = 1;
        return NULL;
    }
    long long a, b;
    if (coatt_is_rasqal_0_9_33() && integer_value(l1, &a) && integer_value(l2, &b)) {
        // Two ints: their sum, difference and product all fit in a long long.
        long long result = operation == ADD ? a + b : operation == SUBTRACT ? a - b : a * b;
        if (!fits_int(result)) return wide_result(l1->world, result, error);
    }
    return own(l1, l2, error);
}

static rasqal_literal *unary(_Atomic(void *) *library, const char *name, rasqal_literal *l, int *error) {
    unary_function own = (unary_function)coatt_rasqal_cached_own_function(library, name);
    if (!own) {
        if (error) *error = 1;
        return NULL;
    }
    long long value;
    // INT_MIN is the one int whose negation (and ABS) is no int.
    if (coatt_is_rasqal_0_9_33() && integer_value(l, &value) && value == INT_MIN) return wide_result(l->world, -value, error);
    return own(l, error);
}

rasqal_literal *rasqal_literal_add(rasqal_literal *l1, rasqal_literal *l2, int *error) {
    static _Atomic(void *) library;
    return binary(&library, "rasqal_literal_add", ADD, l1, l2, error);
}

rasqal_literal *rasqal_literal_subtract(rasqal_literal *l1, rasqal_literal *l2, int *error) {
    static _Atomic(void *) library;
    return binary(&library, "rasqal_literal_subtract", SUBTRACT, l1, l2, error);
}

rasqal_literal *rasqal_literal_multiply(rasqal_literal *l1, rasqal_literal *l2, int *error) {
    static _Atomic(void *) library;
    return binary(&library, "rasqal_literal_multiply", MULTIPLY, l1, l2, error);
}

rasqal_literal *rasqal_literal_negate(rasqal_literal *l, int *error) {
    static _Atomic(void *) library;
    return unary(&library, "rasqal_literal_negate", l, error);
}

rasqal_literal *rasqal_literal_abs(rasqal_literal *l, int *error) {
    static _Atomic(void *) library;
    return unary(&library, "rasqal_literal_abs", l, error);
}
