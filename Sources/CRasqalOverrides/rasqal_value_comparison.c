// `<`, `>`, `<=` and `>=` only between values SPARQL 1.1's operator mapping compares (§17.3):
// numbers, booleans, dates and dateTimes, and strings of one language (or none, simple literals
// and xsd:string alike, as Oxigraph reads them). rasqal 0.9.33's rasqal_literal_compare ordered
// any two values it could promote or read as text, so `true <= ?age`, `0.0 > false`,
// `<http://ex/a> < 12` and `"a" < "b"@en` were answers; each is an error. Strings are compared
// here, by code point (their UTF-8 bytes): rasqal failed on a simple literal beside an xsd:string
// (`"a" < "b"^^xsd:string` was an error). A float or double beside another number is compared
// here too, in the type both promote to, as `=` compares them (`coatt_floating_order`): rasqal failed on a float beside an
// integer or a decimal (`"2.5"^^xsd:float > 0` was an error, `0 < "2.5"^^xsd:float` true), and read
// NaN as equal to every number (`1 <= NaN` was true); NaN is no order, so a comparison with it is
// an error. This takes its place
// under the query's XQuery flag, which the comparison operators pass (as do the store's own
// sorts, for two values of one kind, falling back to their term order on an error). Every other
// call is rasqal's.

#include <stdatomic.h>
#include <strings.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_group_keys.h"
#include "rasqal_library.h"
#include "rasqal_number_kinds.h"
#include "rasqal_value_order.h"

typedef int (*compare_function)(rasqal_literal *, rasqal_literal *, int, int *);

/// Whether the operator mapping compares `a` and `b` (values, not variables).
static int comparable(const rasqal_literal *a, const rasqal_literal *b) {
    enum coatt_value_kind kind = coatt_value_kind_of(a);
    // Numbers, booleans, dates and strings (the kinds between COATT_NUMBER and COATT_STRING).
    if (kind < COATT_NUMBER || kind > COATT_STRING || kind != coatt_value_kind_of(b)) return 0;
    if (kind != COATT_STRING || (!a->language && !b->language)) return 1;
    return a->language && b->language && !strcasecmp(a->language, b->language);
}

int rasqal_literal_compare(rasqal_literal *l1, rasqal_literal *l2, int flags, int *error_p) {
    static _Atomic(void *) library;
    compare_function own = (compare_function)coatt_rasqal_cached_own_function(&library, "rasqal_literal_compare");
    if (!own) {
        if (error_p) *error_p = 1;
        return 0;
    }
    if (!(flags & RASQAL_COMPARE_XQUERY) || !coatt_is_rasqal_0_9_33()) return own(l1, l2, flags, error_p);
    rasqal_literal *a = l1 ? rasqal_literal_value(l1) : NULL, *b = l2 ? rasqal_literal_value(l2) : NULL;
    if (a && b && !comparable(a, b)) {
        if (error_p) *error_p = 1;
        return 0;
    }
    if (a && b && coatt_value_kind_of(a) == COATT_STRING) return coatt_compare_bytes(a->string, a->string_len, b->string, b->string_len);
    if (a && b && coatt_is_number_type(a->type) && coatt_is_number_type(b->type)
        && (coatt_is_floating_type(a->type) || coatt_is_floating_type(b->type))) {
        int unordered = 0;
        int order = coatt_floating_order(a, b, &unordered);
        if (error_p) *error_p = unordered;
        return unordered ? 0 : order;
    }
    return own(l1, l2, flags, error_p);
}
