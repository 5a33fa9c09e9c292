// A blank node is no string: SPARQL 1.1's STR, its string functions (STRLEN, UCASE, SUBSTR,
// CONTAINS, REGEX, ENCODE_FOR_URI, MD5, …) and casts raise a type error on one (§17.4), as they
// do on an IRI but for STR. rasqal 0.9.33 read a blank node's label as its text, so
// STR(_:b) gave "b" and FILTER(STRSTARTS(?x, "b")) kept blank nodes by their labels, which the
// store makes up. These take the place of three of its functions:
// - rasqal_literal_as_counted_string, through which the string functions read their arguments
//   with the query's XQuery flag (under which an IRI is already an error);
// - rasqal_literal_cast, for casts (`rasqal_numeric_cast.c` defines it; it asks `is_blank` here);
// - rasqal_expression_evaluate2, for STR, which reads its argument without that flag (to take an
//   IRI's text). Every other expression is handed to rasqal's own.

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_blank_strings.h"
#include "rasqal_library.h"

typedef const unsigned char *(*counted_string_function)(rasqal_literal *, size_t *, int, int *);
typedef rasqal_literal *(*evaluate_function)(rasqal_expression *, rasqal_evaluation_context *, int *);

int coatt_is_blank(rasqal_literal *l) {
    rasqal_literal *value = l ? rasqal_literal_value(l) : NULL;
    return value && value->type == RASQAL_LITERAL_BLANK;
}

static void *failed(int *error_p) {
    if (error_p) *error_p = 1;
    return NULL;
}

const unsigned char *rasqal_literal_as_counted_string(rasqal_literal *l, size_t *len_p, int flags, int *error_p) {
    static _Atomic(void *) library;
    counted_string_function own = (counted_string_function)coatt_rasqal_cached_own_function(&library, "rasqal_literal_as_counted_string");
    if (!own) return failed(error_p);
    // Without the flag the text is wanted for what it is (result formats, casts to a string's type).
    if ((flags & RASQAL_COMPARE_XQUERY) && coatt_is_rasqal_0_9_33() && coatt_is_blank(l)) return failed(error_p);
    return own(l, len_p, flags, error_p);
}

/// STR as rasqal evaluates it (its argument's text as a simple literal), but for a blank node.
static rasqal_literal *evaluate_str(rasqal_expression *e, rasqal_evaluation_context *context, int *error_p) {
    int error = 0;
    rasqal_literal *argument = rasqal_expression_evaluate2(e->arg1, context, &error);
    if (error || !argument || coatt_is_blank(argument)) {
        if (argument) rasqal_free_literal(argument);
        return failed(error_p);
    }
    size_t length = 0;
    const unsigned char *text = rasqal_literal_as_counted_string(argument, &length, context->flags & ~RASQAL_COMPARE_XQUERY, &error);
    unsigned char *copy = text && !error ? malloc(length + 1) : NULL;
    if (copy) memcpy(copy, text, length + 1);
    rasqal_free_literal(argument);
    if (!copy) return failed(error_p);
    // The new literal owns `copy`, and frees it when it fails.
    rasqal_literal *result = rasqal_new_string_literal(context->world, copy, NULL, NULL, NULL);
    return result ? result : failed(error_p);
}

rasqal_literal *rasqal_expression_evaluate2(rasqal_expression *e, rasqal_evaluation_context *context, int *error_p) {
    static _Atomic(void *) library;
    evaluate_function own = (evaluate_function)coatt_rasqal_cached_own_function(&library, "rasqal_expression_evaluate2");
    if (!own) return failed(error_p);
    if (e && e->op == RASQAL_EXPR_STR && coatt_is_rasqal_0_9_33()) return evaluate_str(e, context, error_p);
    return own(e, context, error_p);
}
