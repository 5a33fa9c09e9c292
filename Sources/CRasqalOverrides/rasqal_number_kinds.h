#ifndef COATT_RASQAL_NUMBER_KINDS_H
#define COATT_RASQAL_NUMBER_KINDS_H

#include <rasqal.h>

/// Whether `type` is one of rasqal's number types: integers (of any integer datatype), decimal,
/// float, double.
__attribute__((visibility("hidden"))) int coatt_is_number_type(rasqal_literal_type type);

/// Whether `type` is xsd:float or xsd:double.
__attribute__((visibility("hidden"))) int coatt_is_floating_type(rasqal_literal_type type);

/// Whether either of two operands (values or variables) is a boolean: SPARQL 1.1 has no
/// arithmetic on booleans (§17.3), where rasqal 0.9.33 took true for 1 (`true + 1` was 2).
__attribute__((visibility("hidden"))) int coatt_either_is_boolean(rasqal_literal *l1, rasqal_literal *l2);

/// The value of `number` (of a number type) as a double: a decimal's, or a big integer's, nearest.
__attribute__((visibility("hidden"))) double coatt_number_as_double(rasqal_literal *number);

/// The order of two numbers of which one is a double or a float (-1, 0 or 1), in the type both
/// promote to as XPath says: xsd:double beside a double, else xsd:float (a float beside an integer
/// or a decimal). *unordered is set when either is NaN, which has no order and equals nothing.
__attribute__((visibility("hidden"))) int coatt_floating_order(rasqal_literal *a, rasqal_literal *b, int *unordered);

#endif
