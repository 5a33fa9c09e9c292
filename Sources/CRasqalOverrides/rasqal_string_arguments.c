// A blank node is no string: SPARQL 1.1's STR, its string functions (STRLEN, UCASE, SUBSTR,
// CONTAINS, REGEX, ENCODE_FOR_URI, MD5, …) and casts raise a type error on one (§17.4), as they
// do on an IRI but for STR. rasqal 0.9.33 read a blank node's label as its text, so
// STR(_:b) gave "b" and FILTER(STRSTARTS(?x, "b")) kept blank nodes by their labels, which the
// store makes up. Nor is a number, a boolean or a date a string to the string functions (which
// read their arguments with the query's XQuery flag): STRLEN(2.5) was 3, UCASE(true) "TRUE",
// CONCAT(1, "a") "1a"; SPARQL makes each an error (STR(2.5) is the way to the text). Two of
// rasqal's functions refuse them:
// - rasqal_literal_as_counted_string, here, through which STR and the string functions read
//   their arguments' text: a blank node always, anything but a string or an IRI under the
//   XQuery flag. Its other callers in rasqal format results and debug output (the
//   store writes its results itself, and takes a blank node's label from the node) or read
//   values that are no blank node (casts and promotions to strings);
// - rasqal_literal_cast, for casts (`rasqal_numeric_cast.c` defines it).
// rasqal calls both through the PLT from every expression's evaluation (unlike
// rasqal_expression_evaluate2, which calls itself directly for most operands).

#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_library.h"
#include "rasqal_string_arguments.h"

typedef const unsigned char *(*counted_string_function)(rasqal_literal *, size_t *, int, int *);

int coatt_is_blank(rasqal_literal *l) {
    rasqal_literal *value = l ? rasqal_literal_value(l) : NULL;
    return value && value->type == RASQAL_LITERAL_BLANK;
}

/// Whether a string function may read `l`'s text under the query's XQuery flag: a simple, xsd:string
/// or language-tagged literal. An IRI is left to rasqal, which refuses it but in casts.
static int is_string_argument(rasqal_literal *l) {
    rasqal_literal *value = l ? rasqal_literal_value(l) : NULL;
    if (!value) return 1;  // rasqal's own error
    switch (value->type) {
    case RASQAL_LITERAL_STRING:
    case RASQAL_LITERAL_XSD_STRING:
    case RASQAL_LITERAL_URI:
    case RASQAL_LITERAL_PATTERN: return 1;
    default: return 0;
    }
}

const unsigned char *rasqal_literal_as_counted_string(rasqal_literal *l, size_t *len_p, int flags, int *error_p) {
    static _Atomic(void *) library;
    counted_string_function own = (counted_string_function)coatt_rasqal_cached_own_function(&library, "rasqal_literal_as_counted_string");
    int refused = coatt_is_rasqal_0_9_33() && (coatt_is_blank(l) || ((flags & RASQAL_COMPARE_XQUERY) && !is_string_argument(l)));
    if (!own || refused) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    return own(l, len_p, flags, error_p);
}
