// Integers beyond an int keep their datatype. rasqal 0.9.33 keeps an xsd:integer in a C int; one
// that does not fit it keeps exactly as an xsd:decimal, and gave that datatype too:
// DATATYPE("3000000000"^^xsd:integer) was xsd:decimal, and `?population + 1` over it, a cast to
// xsd:integer, or a SUM of large values came out as decimals ("3000000001.0"). Such a value is
// still a rasqal decimal here (so every comparison and operation on it stays exact), but with
// its declared datatype (xsd:integer, xsd:long, ...) and its integer digits as its text:
//
// - rasqal_literal_string_to_native (literals read from data and from the store) and
//   rasqal_new_typed_literal (constants in a query) put the datatype back after rasqal has
//   made the value a decimal;
// - rasqal_literal_as_node (results, constructed triples) writes that datatype, not the one
//   rasqal derives from the decimal type.
// The first two also keep a date's or dateTime's text as written (`rasqal_datetime_texts.c`).
//
// Arithmetic and casts make such values through coatt_new_integer_from_text
// (rasqal_integer_arithmetic.c, rasqal_numeric_cast.c).

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_big_integers.h"
#include "rasqal_datetime_texts.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"
#include "rasqal_number_text.h"

typedef int (*to_native_function)(rasqal_literal *, int);
typedef rasqal_literal *(*typed_literal_function)(rasqal_world *, rasqal_literal_type, const unsigned char *);
typedef rasqal_literal *(*as_node_function)(rasqal_literal *);

static int is_integer_type(rasqal_literal_type type) {
    return type == RASQAL_LITERAL_INTEGER || type == RASQAL_LITERAL_INTEGER_SUBTYPE;
}

int coatt_is_big_integer(const rasqal_literal *value) {
    if (!value || value->type != RASQAL_LITERAL_DECIMAL || !value->datatype) return 0;
    return !raptor_uri_equals(value->datatype, rasqal_xsd_datatype_type_to_uri(value->world, RASQAL_LITERAL_DECIMAL));
}

int coatt_is_any_integer(const rasqal_literal *value) {
    return value && (is_integer_type(value->type) || coatt_is_big_integer(value));
}

/// After rasqal has made `literal` a decimal because it did not fit an int, `declared` (owned,
/// the datatype it was given) in place of xsd:decimal, when that is an integer type.
static void keep_integer_datatype(rasqal_literal *literal, raptor_uri *declared) {
    if (literal && literal->type == RASQAL_LITERAL_DECIMAL && declared && literal->datatype
        && !raptor_uri_equals(declared, literal->datatype)
        && is_integer_type(rasqal_xsd_datatype_uri_to_type(literal->world, declared))) {
        raptor_free_uri(literal->datatype);
        literal->datatype = declared;
        return;
    }
    if (declared) raptor_free_uri(declared);
}

int rasqal_literal_string_to_native(rasqal_literal *l, int flags) {
    static _Atomic(void *) library;
    to_native_function own = (to_native_function)coatt_rasqal_cached_own_function(&library, "rasqal_literal_string_to_native");
    if (!own) return 1;
    if (!coatt_is_rasqal_0_9_33() || !l || !l->datatype) return own(l, flags);
    raptor_uri *declared = raptor_uri_copy(l->datatype);
    char *written = coatt_date_lexical_form(l);
    int failed = own(l, flags);
    keep_integer_datatype(l, declared);
    coatt_keep_lexical_form(l, written);
    return failed;
}

rasqal_literal *rasqal_new_typed_literal(rasqal_world *world, rasqal_literal_type type, const unsigned char *string) {
    static _Atomic(void *) library;
    typed_literal_function own = (typed_literal_function)coatt_rasqal_cached_own_function(&library, "rasqal_new_typed_literal");
    if (!own) return NULL;
    rasqal_literal *literal = own(world, type, string);
    if (literal && is_integer_type(type) && coatt_is_rasqal_0_9_33())
        keep_integer_datatype(literal, raptor_uri_copy(rasqal_xsd_datatype_type_to_uri(world, type)));
    if (literal && string && (type == RASQAL_LITERAL_DATE || type == RASQAL_LITERAL_DATETIME) && coatt_is_rasqal_0_9_33())
        coatt_keep_lexical_form(literal, strdup((const char *)string));
    return literal;
}

rasqal_literal *rasqal_literal_as_node(rasqal_literal *l) {
    static _Atomic(void *) library;
    as_node_function own = (as_node_function)coatt_rasqal_cached_own_function(&library, "rasqal_literal_as_node");
    if (!own) return NULL;
    rasqal_literal *node = own(l);
    rasqal_literal *value = l && coatt_is_rasqal_0_9_33() ? rasqal_literal_value(l) : NULL;
    if (node && node->datatype && coatt_is_big_integer(value)) {
        raptor_free_uri(node->datatype);
        node->datatype = raptor_uri_copy(value->datatype);
    }
    return node;
}

rasqal_literal *coatt_new_integer_from_text(rasqal_world *world, const char *digits) {
    return rasqal_new_typed_literal(world, RASQAL_LITERAL_INTEGER, (const unsigned char *)digits);
}

rasqal_literal *coatt_integer_from_decimal(rasqal_literal *number) {
    if (!number) return NULL;
    char digits[400], whole[400];
    const char *text = (const char *)rasqal_literal_as_string(number);
    rasqal_literal *integer = NULL;
    // Whole only when the canonical form and its integer part agree (no fraction).
    if (text && coatt_canonical_decimal(text, 0, digits, sizeof digits) && coatt_canonical_decimal(text, 1, whole, sizeof whole)
        && !strcmp(digits, whole))
        integer = coatt_new_integer_from_text(number->world, whole);
    rasqal_free_literal(number);
    return integer;
}
