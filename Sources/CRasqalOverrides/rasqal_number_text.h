#ifndef COATT_RASQAL_NUMBER_TEXT_H
#define COATT_RASQAL_NUMBER_TEXT_H

/// The fewest significant digits that read back as `value` (finite, positive) in double
/// precision, or in float precision when `single` is non-zero, and the decimal exponent of the
/// first: 1.02E4 is "102" and 4.
__attribute__((visibility("hidden"))) void coatt_shortest_digits(double value, int single, char digits[32], int *exponent);

#endif
