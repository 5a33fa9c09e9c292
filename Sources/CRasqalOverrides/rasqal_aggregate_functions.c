// SPARQL 1.1's set functions (§18.5.1), in place of rasqal 0.9.33's, which are static in its
// aggregation rowsource and were wrong on values of more than one kind:
//
// - SUM of one non-number gave it back ("x"), and AVG of one gave 0; now both are errors, as
//   op:numeric-add makes them for two values.
// - AVG divided by every solution of the group, also those whose argument had no value: AVG(?v)
//   over 2 and an unbound ?v was 1.0. It now divides by the values it added, as SUM adds them.
// - MIN and MAX compared by RDQL's rules, which fail between kinds (a number and a string, an
//   IRI and a literal, an xsd:integer and a big integer kept as an xsd:decimal): they gave no
//   value. They now choose by the order of `coatt_compare_values_in_order`.
//
// As in rasqal, a solution whose argument fails to evaluate (an unbound variable) is left out of
// every aggregate but COUNT(*), the way SQL's aggregates leave out NULLs (so SUM and AVG of a
// group whose values are all unbound are unbound, as SQL's are NULL); COUNT and SAMPLE give what
// rasqal's gave.
//
// - GROUP_CONCAT joined its values with a space whatever SEPARATOR said; it now joins them with
//   the separator (a space by default).

#include <stdlib.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_aggregate_functions.h"
#include "rasqal_internals.h"
#include "rasqal_number_kinds.h"
#include "rasqal_value_order.h"

struct coatt_aggregate {
    rasqal_world *world;
    rasqal_expression *expression;
    /// Solutions counted (COUNT), values added (SUM, AVG) or joined (GROUP_CONCAT).
    long count;
    /// Solutions of the group taken in, with a value or not.
    long solutions;
    /// The sum so far (SUM, AVG), the least or greatest value (MIN, MAX), the sample (SAMPLE).
    rasqal_literal *value;
    /// GROUP_CONCAT's text so far.
    raptor_stringbuffer *text;
    /// An error makes the group's value one (a non-number added, memory run out).
    int failed;
};

coatt_aggregate *coatt_new_aggregate(rasqal_world *world, rasqal_expression *expression) {
    coatt_aggregate *aggregate = calloc(1, sizeof *aggregate);
    if (!aggregate) return NULL;
    aggregate->world = world;
    aggregate->expression = expression;
    return aggregate;
}

static void start_group(coatt_aggregate *aggregate) {
    aggregate->count = 0;
    aggregate->solutions = 0;
    aggregate->failed = 0;
    if (aggregate->value) rasqal_free_literal(aggregate->value);
    aggregate->value = NULL;
    if (aggregate->text) raptor_free_stringbuffer(aggregate->text);
    aggregate->text = NULL;
}

void coatt_free_aggregate(coatt_aggregate *aggregate) {
    if (!aggregate) return;
    start_group(aggregate);
    free(aggregate);
}

/// `value` in place of the aggregate's value (NULL: an error).
static void replace_value(coatt_aggregate *aggregate, rasqal_literal *value) {
    if (aggregate->value) rasqal_free_literal(aggregate->value);
    aggregate->value = value;
    if (!value) aggregate->failed = 1;
}

static void add(coatt_aggregate *aggregate, rasqal_literal *value) {
    if (!coatt_is_number_type(value->type)) {  // rasqal counts a boolean among the numbers
        aggregate->failed = 1;
        return;
    }
    aggregate->count++;
    if (!aggregate->value) {
        replace_value(aggregate, rasqal_new_literal_from_literal(value));
        return;
    }
    int error = 0;
    rasqal_literal *sum = rasqal_literal_add(aggregate->value, value, &error);
    if (error && sum) rasqal_free_literal(sum);
    replace_value(aggregate, error ? NULL : sum);
}

/// Keeps `value` when it comes before (MIN, `sign` 1) or after (MAX, -1) the value kept.
static void keep_extreme(coatt_aggregate *aggregate, rasqal_literal *value, int sign) {
    if (aggregate->value && sign * coatt_compare_values_in_order(value, aggregate->value) >= 0) return;
    replace_value(aggregate, rasqal_new_literal_from_literal(value));
}

static void concatenate(coatt_aggregate *aggregate, rasqal_literal *value) {
    int error = 0;
    const unsigned char *text = (const unsigned char *)rasqal_literal_as_string_flags(value, 0, &error);
    if (error || !text) {  // a blank node, which has no text (`rasqal_string_arguments.c`)
        aggregate->failed = 1;
        return;
    }
    if (!aggregate->text && !(aggregate->text = raptor_new_stringbuffer())) {
        aggregate->failed = 1;
        return;
    }
    // Counted, not read off the text's length: an empty first value is still followed by one.
    if (aggregate->count++) {
        rasqal_literal *separator = aggregate->expression->literal;
        const unsigned char *between = separator ? rasqal_literal_as_string(separator) : NULL;
        raptor_stringbuffer_append_string(aggregate->text, between ? between : (const unsigned char *)" ", 1);
    }
    raptor_stringbuffer_append_string(aggregate->text, text, 1);
}

void coatt_aggregate_step(coatt_aggregate *aggregate, raptor_sequence *values) {
    rasqal_expression *expression = aggregate->expression;
    int size = values ? raptor_sequence_size(values) : 0;
    aggregate->solutions++;
    if (expression->op == RASQAL_EXPR_COUNT) {
        // A bound value only: an expression such as IF(…, ?unbound) gives the variable, not a value.
        int bound = size > 0 && rasqal_literal_value(raptor_sequence_get_at(values, 0)) != NULL;
        if (bound || expression->arg1->op == RASQAL_EXPR_VARSTAR) aggregate->count++;
        return;
    }
    if (aggregate->failed) return;
    for (int index = 0; index < size; index++) {
        rasqal_literal *value = rasqal_literal_value(raptor_sequence_get_at(values, index));
        if (!value) continue;
        switch (expression->op) {
        case RASQAL_EXPR_SUM:
        case RASQAL_EXPR_AVG: add(aggregate, value); break;
        case RASQAL_EXPR_MIN: keep_extreme(aggregate, value, 1); break;
        case RASQAL_EXPR_MAX: keep_extreme(aggregate, value, -1); break;
        case RASQAL_EXPR_SAMPLE:
            if (!aggregate->value) replace_value(aggregate, rasqal_new_literal_from_literal(value));
            break;
        case RASQAL_EXPR_GROUP_CONCAT: concatenate(aggregate, value); break;
        default: aggregate->failed = 1; break;
        }
    }
}

static rasqal_literal *integer(coatt_aggregate *aggregate, long value) {
    return rasqal_new_integer_literal(aggregate->world, RASQAL_LITERAL_INTEGER, (int)value);
}

static rasqal_literal *text_value(coatt_aggregate *aggregate) {
    size_t length = aggregate->text ? raptor_stringbuffer_length(aggregate->text) : 0;
    unsigned char *text = malloc(length + 1);
    if (!text) return NULL;
    text[0] = 0;
    if (length && raptor_stringbuffer_copy_to_string(aggregate->text, text, length)) {
        free(text);
        return NULL;
    }
    // rasqal_new_string_literal takes `text` (and frees it on failure).
    return rasqal_new_string_literal(aggregate->world, text, NULL, NULL, NULL);
}

static rasqal_literal *average(coatt_aggregate *aggregate) {
    if (!aggregate->count) return integer(aggregate, 0);
    rasqal_literal *count = integer(aggregate, aggregate->count);
    if (!count) return NULL;
    int error = 0;
    rasqal_literal *result = rasqal_literal_divide(aggregate->value, count, &error);
    rasqal_free_literal(count);
    if (error && result) {
        rasqal_free_literal(result);
        return NULL;
    }
    return result;
}

static rasqal_literal *group_value(coatt_aggregate *aggregate) {
    if (aggregate->failed) return NULL;
    // Solutions, but no value among them (all unbound): no sum and no mean, as SQL's NULL and
    // Oxigraph's error. Only the empty group (of no solutions) sums to 0.
    int summed = aggregate->expression->op == RASQAL_EXPR_SUM || aggregate->expression->op == RASQAL_EXPR_AVG;
    if (summed && aggregate->solutions > 0 && aggregate->count == 0) return NULL;
    switch (aggregate->expression->op) {
    case RASQAL_EXPR_COUNT: return integer(aggregate, aggregate->count);
    case RASQAL_EXPR_SUM: return aggregate->value ? rasqal_new_literal_from_literal(aggregate->value) : integer(aggregate, 0);
    case RASQAL_EXPR_AVG: return average(aggregate);
    case RASQAL_EXPR_GROUP_CONCAT: return text_value(aggregate);
    default: return aggregate->value ? rasqal_new_literal_from_literal(aggregate->value) : NULL;
    }
}

rasqal_literal *coatt_aggregate_finish_group(coatt_aggregate *aggregate) {
    rasqal_literal *value = group_value(aggregate);
    start_group(aggregate);
    return value;
}
