#ifndef COATT_RASQAL_NUMBER_TEXT_H
#define COATT_RASQAL_NUMBER_TEXT_H

#include <stddef.h>

/// The fewest significant digits that read back as `value` (finite, positive) in double
/// precision, or in float precision when `single` is non-zero, and the decimal exponent of the
/// first: 1.02E4 is "102" and 4.
__attribute__((visibility("hidden"))) void coatt_shortest_digits(double value, int single, char digits[32], int *exponent);

/// `lexical`, an xsd:decimal form, in XSD 1.1's canonical form (no plus sign, no leading or
/// trailing zeros, no point for an integral value) in `out`; with `whole_only`, the integer part
/// (truncation towards zero). Returns 0 when it is not a decimal form or `out` is too small.
__attribute__((visibility("hidden"))) int coatt_canonical_decimal(const char *lexical, int whole_only, char *out, size_t size);

#endif
