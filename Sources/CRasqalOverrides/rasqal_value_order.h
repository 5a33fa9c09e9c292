#ifndef COATT_RASQAL_VALUE_ORDER_H
#define COATT_RASQAL_VALUE_ORDER_H

#include <rasqal.h>

/// Orders two values (neither unbound) for MIN and MAX, which SPARQL 1.1 defines by ORDER BY's
/// order, which leaves literals of different kinds unordered. Made total here, so that MIN and MAX
/// never depend on the order values come in: blank nodes, IRIs, numbers, booleans, dates and
/// times, strings, other literals; within a kind by value where SPARQL's `<` compares them
/// (numbers of any type with each other), otherwise as terms (text, datatype, language tag).
__attribute__((visibility("hidden"))) int coatt_compare_values_in_order(rasqal_literal *a, rasqal_literal *b);

#endif
