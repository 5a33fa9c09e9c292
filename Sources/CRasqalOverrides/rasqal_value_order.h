#ifndef COATT_RASQAL_VALUE_ORDER_H
#define COATT_RASQAL_VALUE_ORDER_H

#include <rasqal.h>

/// Orders two values, either unbound (NULL), for ORDER BY and for MIN and MAX, as SPARQL 1.1
/// §15.1 orders terms: unbound first, then blank nodes, IRIs, literals. Where SPARQL leaves
/// literals of different kinds unordered it is made total, as the store's own ORDER BY makes it
/// (SPARQLTermOrder): numbers, booleans, dates and times, strings (simple, xsd:string and
/// language-tagged: by text, then tag, none first), other literals. Within a kind by value where
/// SPARQL's `<` compares them (numbers of any type with each other), otherwise as terms. So
/// neither a sort nor MIN and MAX depend on the order values come in.
__attribute__((visibility("hidden"))) int coatt_compare_values_in_order(rasqal_literal *a, rasqal_literal *b);

/// The kinds of value, in the order `coatt_compare_values_in_order` places them (strings:
/// simple, xsd:string and language-tagged).
enum coatt_value_kind { COATT_BLANK, COATT_IRI, COATT_NUMBER, COATT_BOOLEAN, COATT_DATE_TIME, COATT_STRING, COATT_OTHER };

/// The kind of `value` (a value, not a variable).
__attribute__((visibility("hidden"))) enum coatt_value_kind coatt_value_kind_of(const rasqal_literal *value);

#endif
