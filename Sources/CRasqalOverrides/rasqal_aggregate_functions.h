#ifndef COATT_RASQAL_AGGREGATE_FUNCTIONS_H
#define COATT_RASQAL_AGGREGATE_FUNCTIONS_H

#include <raptor2.h>
#include <rasqal.h>

/// One aggregate of a SELECT (COUNT, SUM, AVG, MIN, MAX, SAMPLE or GROUP_CONCAT) computed over
/// the values of one group at a time.
typedef struct coatt_aggregate coatt_aggregate;

/// A new aggregate for `expression` (an aggregate expression, kept by the caller), at the start of
/// a group; NULL when out of memory.
__attribute__((visibility("hidden"))) coatt_aggregate *coatt_new_aggregate(rasqal_world *world, rasqal_expression *expression);

__attribute__((visibility("hidden"))) void coatt_free_aggregate(coatt_aggregate *aggregate);

/// Takes in one solution's values of the aggregate's argument: none when it failed to evaluate
/// (SPARQL then leaves the solution out of every aggregate but COUNT(*)).
__attribute__((visibility("hidden"))) void coatt_aggregate_step(coatt_aggregate *aggregate, raptor_sequence *values);

/// The group's value, a new reference, or NULL for SPARQL's error (the variable stays unbound);
/// then starts the next group. Over no values: COUNT, SUM and AVG 0, GROUP_CONCAT "", the others
/// an error.
__attribute__((visibility("hidden"))) rasqal_literal *coatt_aggregate_finish_group(coatt_aggregate *aggregate);

#endif
