#ifndef COATT_RASQAL_STRING_ARGUMENTS_H
#define COATT_RASQAL_STRING_ARGUMENTS_H

#include <rasqal.h>

/// Whether `l` is, or is a variable bound to, a blank node.
__attribute__((visibility("hidden"))) int coatt_is_blank(rasqal_literal *l);

#endif
