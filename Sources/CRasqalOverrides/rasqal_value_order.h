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

#endif
