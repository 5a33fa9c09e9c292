// Integer arithmetic without wrapping, in place of rasqal 0.9.33's for integers. rasqal keeps an
// xsd:integer in a C int and adds, subtracts, multiplies, negates and takes ABS of two in int,
// so 2000000000 + 2000000000 gave -294967296, and SUM of large counts (which adds with
// rasqal_literal_add) was silently wrong. A result that does not fit an int is an exact big
// integer (rasqal_big_integers.c), as is one made from a big integer and an integer, which
// rasqal computed as decimals ("3000000001.0"^^xsd:decimal). Every other case goes on to the
// library's own function, as does every call with any rasqal version but 0.9.33. Adding,
// subtracting or multiplying a boolean is an error (`coatt_either_is_boolean`).

#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_big_integers.h"
#include "rasqal_floating_functions.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"
#include "rasqal_number_kinds.h"

typedef rasqal_literal *(*binary_function)(rasqal_literal *, rasqal_literal *, int *);
typedef rasqal_literal *(*unary_function)(rasqal_literal *, int *);

/// The int a value holds, when it is an integer that fits one (xsd:integer or a type derived
/// from it).
static int integer_value(rasqal_literal *literal, long long *value) {
    rasqal_literal *held = rasqal_literal_value(literal);
    if (!held || (held->type != RASQAL_LITERAL_INTEGER && held->type != RASQAL_LITERAL_INTEGER_SUBTYPE)) return 0;
    *value = held->value.integer;
    return 1;
}

/// `value`, which fits no int, as the call's result, with `*error` set as the library sets it.
static rasqal_literal *wide_result(rasqal_world *world, long long value, int *error) {
    char digits[24];
    snprintf(digits, sizeof digits, "%lld", value);
    rasqal_literal *wide = coatt_new_integer_from_text(world, digits);
    if (error) *error = wide == NULL;
    return wide;
}

/// The library's result for integers of which one at least is big, which it computed as a
/// decimal, as the integer it is.
static rasqal_literal *integer_result(rasqal_literal *decimal, int *error) {
    if (!decimal || (error && *error)) return decimal;
    rasqal_literal *integer = coatt_integer_from_decimal(decimal);
    if (error) *error = integer == NULL;
    return integer;
}

static int any_integer(rasqal_literal *literal) { return coatt_is_any_integer(rasqal_literal_value(literal)); }

static int fits_int(long long value) { return value >= INT_MIN && value <= INT_MAX; }

enum operation { ADD, SUBTRACT, MULTIPLY };

static rasqal_literal *binary(_Atomic(void *) *library, const char *name, enum operation operation,
                              rasqal_literal *l1, rasqal_literal *l2, int *error) {
    binary_function own = (binary_function)coatt_rasqal_cached_own_function(library, name);
    if (!own) {
        if (error) *error = 1;
        return NULL;
    }
    if (!coatt_is_rasqal_0_9_33()) return own(l1, l2, error);
    if (coatt_either_is_boolean(l1, l2)) {
        if (error) *error = 1;
        return NULL;
    }
    long long a, b;
    if (integer_value(l1, &a) && integer_value(l2, &b)) {
        // Two ints: their sum, difference and product all fit in a long long.
        long long result = operation == ADD ? a + b : operation == SUBTRACT ? a - b : a * b;
        return fits_int(result) ? own(l1, l2, error) : wide_result(l1->world, result, error);
    }
    if (any_integer(l1) && any_integer(l2)) return integer_result(own(l1, l2, error), error);
    return own(l1, l2, error);
}

/// Negation (`absolute` 0) or ABS (1).
static rasqal_literal *unary(_Atomic(void *) *library, const char *name, int absolute, rasqal_literal *l, int *error) {
    unary_function own = (unary_function)coatt_rasqal_cached_own_function(library, name);
    if (!own) {
        if (error) *error = 1;
        return NULL;
    }
    if (!coatt_is_rasqal_0_9_33()) return own(l, error);
    int answered = 0;
    rasqal_literal *floating = coatt_floating_sign(l, absolute, error, &answered);
    if (answered) return floating;
    long long value;
    // INT_MIN is the one int whose negation (and ABS) is no int.
    if (integer_value(l, &value)) return value == INT_MIN ? wide_result(l->world, -value, error) : own(l, error);
    return any_integer(l) ? integer_result(own(l, error), error) : own(l, error);
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
    return unary(&library, "rasqal_literal_negate", 0, l, error);
}

rasqal_literal *rasqal_literal_abs(rasqal_literal *l, int *error) {
    static _Atomic(void *) library;
    return unary(&library, "rasqal_literal_abs", 1, l, error);
}
