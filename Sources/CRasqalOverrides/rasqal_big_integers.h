#ifndef COATT_RASQAL_BIG_INTEGERS_H
#define COATT_RASQAL_BIG_INTEGERS_H

#include <rasqal.h>

/// Whether `value` is an integer beyond an int: rasqal 0.9.33 keeps those as exact decimals, and
/// this module keeps their integer datatype with them (rasqal_big_integers.c).
__attribute__((visibility("hidden"))) int coatt_is_big_integer(const rasqal_literal *value);

/// Whether `value` is an xsd:integer (or a type derived from it) of any size.
__attribute__((visibility("hidden"))) int coatt_is_any_integer(const rasqal_literal *value);

/// An xsd:integer from its digits (`-?[0-9]+`): an int where it fits, otherwise a big integer.
__attribute__((visibility("hidden"))) rasqal_literal *coatt_new_integer_from_text(rasqal_world *world, const char *digits);

/// `number`, a decimal whose value is whole (freed here), as an xsd:integer; NULL when it is not
/// one or memory runs out.
__attribute__((visibility("hidden"))) rasqal_literal *coatt_integer_from_decimal(rasqal_literal *number);

#endif
