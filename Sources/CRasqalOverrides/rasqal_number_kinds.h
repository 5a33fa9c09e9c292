#ifndef COATT_RASQAL_NUMBER_KINDS_H
#define COATT_RASQAL_NUMBER_KINDS_H

#include <rasqal.h>

/// Whether `type` is one of rasqal's number types: integers (of any integer datatype), decimal,
/// float, double.
__attribute__((visibility("hidden"))) int coatt_is_number_type(rasqal_literal_type type);

/// Whether `type` is xsd:float or xsd:double.
__attribute__((visibility("hidden"))) int coatt_is_floating_type(rasqal_literal_type type);

/// The value of `number` (of a number type) as a double: a decimal's, or a big integer's, nearest.
__attribute__((visibility("hidden"))) double coatt_number_as_double(rasqal_literal *number);

#endif
