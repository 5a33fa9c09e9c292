// The effective boolean value (SPARQL 1.1 §17.2.2) of every number, in place of rasqal 0.9.33's
// rasqal_literal_as_boolean for the cases it got wrong:
// - an xsd:decimal (and an integer beyond an int, which rasqal keeps as one) was a type error,
//   so FILTER(0.5) dropped every solution and `!0.0` was unbound; it is false for zero only;
// - a double or float below 1e-15 in size was false; it is false for zero and NaN only;
// - a literal of a numeric or boolean datatype with an invalid lexical form ("abc"^^xsd:integer),
//   which rasqal keeps as a literal of an unknown datatype, was a type error; it is false.
// Every other literal is rasqal's to judge.

#include <math.h>
#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_internals.h"
#include "rasqal_library.h"
#include "rasqal_number_kinds.h"

typedef int (*as_boolean_function)(rasqal_literal *, int *);

/// Whether `value`, of an unknown datatype to rasqal, is declared a number or a boolean: it
/// then failed its datatype's lexical rules.
static int is_invalid_number_or_boolean(rasqal_literal *value) {
    if (!value->datatype) return 0;
    rasqal_literal_type declared = rasqal_xsd_datatype_uri_to_type(value->world, value->datatype);
    return declared == RASQAL_LITERAL_BOOLEAN || coatt_is_number_type(declared);
}

int rasqal_literal_as_boolean(rasqal_literal *l, int *error_p) {
    static _Atomic(void *) library;
    as_boolean_function own = (as_boolean_function)coatt_rasqal_cached_own_function(&library, "rasqal_literal_as_boolean");
    if (!own) {
        if (error_p) *error_p = 1;
        return 0;
    }
    rasqal_literal *value = l && coatt_is_rasqal_0_9_33() ? rasqal_literal_value(l) : NULL;
    if (!value) return own(l, error_p);
    switch (value->type) {
    case RASQAL_LITERAL_DECIMAL: return !rasqal_xsd_decimal_is_zero(value->value.decimal);
    case RASQAL_LITERAL_DOUBLE:
    case RASQAL_LITERAL_FLOAT: return !isnan(value->value.floating) && value->value.floating != 0.0;
    case RASQAL_LITERAL_UDT:
        if (is_invalid_number_or_boolean(value)) return 0;
        return own(l, error_p);
    default: return own(l, error_p);
    }
}
