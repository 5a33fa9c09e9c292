#ifndef COATT_RASQAL_GROUP_KEYS_H
#define COATT_RASQAL_GROUP_KEYS_H

#include <rasqal.h>

/// Orders two values of a GROUP BY key column as terms (unbound, blank nodes, IRIs, literals; then
/// text, datatype with xsd:string as none, language tag without case): 0 when they are one key.
__attribute__((visibility("hidden"))) int coatt_compare_group_key_terms(rasqal_literal *a, rasqal_literal *b, int compare_flags);

/// Orders two byte strings, a prefix first.
__attribute__((visibility("hidden"))) int coatt_compare_bytes(const unsigned char *a, size_t a_length, const unsigned char *b, size_t b_length);

/// Orders two IRIs by their text, byte by byte.
__attribute__((visibility("hidden"))) int coatt_compare_uri_text(raptor_uri *a, raptor_uri *b);

#endif
