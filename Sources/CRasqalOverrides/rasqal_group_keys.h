#ifndef COATT_RASQAL_GROUP_KEYS_H
#define COATT_RASQAL_GROUP_KEYS_H

#include <rasqal.h>

/// Orders two values of a GROUP BY key column as terms (unbound, blank nodes, IRIs, literals; then
/// text, datatype with xsd:string as none, language tag without case): 0 when they are one key.
__attribute__((visibility("hidden"))) int coatt_compare_group_key_terms(rasqal_literal *a, rasqal_literal *b, int compare_flags);

#endif
