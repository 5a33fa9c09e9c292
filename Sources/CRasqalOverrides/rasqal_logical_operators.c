// `&&` with an error on its left as SPARQL 1.1's truth table says (§17.2): `E && F` is false and
// `E && T` an error. rasqal 0.9.33 swapped the two (its test reads the right operand's value
// where it means its falsity), so `FILTER(!(?age > 30 && ?name = "x"))` dropped the solutions
// without ?age it must keep.
//
// This takes the place of rasqal_expression_evaluate2 for `&&`, `||` and `!`, handing every other
// expression to rasqal's own. rasqal calls that function through the PLT for each expression a
// FILTER, BIND, projection or aggregate evaluates, and for IF's and COALESCE's operands, but calls
// itself directly for the operands of most operators: `||` and `!` are evaluated here (as rasqal
// does) so that a `&&` inside them is evaluated here too. A `&&` inside a comparison or a function
// call keeps rasqal's reading.

#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_internals.h"
#include "rasqal_library.h"

typedef rasqal_literal *(*evaluate_function)(rasqal_expression *, rasqal_evaluation_context *, int *);

/// rasqal's own rasqal_expression_evaluate2, found by the first call of the one below.
static _Atomic(void *) library;

/// The effective boolean value of `e`'s value; *failed set when there is none.
static int truth_of(rasqal_expression *e, rasqal_evaluation_context *context, int *failed) {
    int error = 0;
    // rasqal's own evaluation straight away, but for the operators evaluated here.
    int here = e->op == RASQAL_EXPR_AND || e->op == RASQAL_EXPR_OR || e->op == RASQAL_EXPR_BANG;
    evaluate_function evaluate = here ? rasqal_expression_evaluate2 : (evaluate_function)atomic_load_explicit(&library, memory_order_relaxed);
    rasqal_literal *value = evaluate(e, context, &error);
    int truth = 0;
    if (!error && value) truth = rasqal_literal_as_boolean(value, &error);
    if (value) rasqal_free_literal(value);
    *failed = error || !value;
    return truth;
}

/// `&&` (`and` 1) or `||` (0): a side that is false (for `&&`) or true (for `||`) decides;
/// otherwise an error on either side is the answer.
static rasqal_literal *evaluate_connective(rasqal_expression *e, rasqal_evaluation_context *context, int and, int *error_p) {
    int failed1 = 0, failed2 = 0;
    int truth1 = truth_of(e->arg1, context, &failed1), truth2 = truth_of(e->arg2, context, &failed2);
    int decided = (!failed1 && truth1 != and) || (!failed2 && truth2 != and);
    if (!decided && (failed1 || failed2)) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    return rasqal_new_boolean_literal(context->world, decided ? !and : and);
}

static rasqal_literal *evaluate_not(rasqal_expression *e, rasqal_evaluation_context *context, int *error_p) {
    int failed = 0;
    int truth = truth_of(e->arg1, context, &failed);
    if (failed) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    return rasqal_new_boolean_literal(context->world, !truth);
}

rasqal_literal *rasqal_expression_evaluate2(rasqal_expression *e, rasqal_evaluation_context *context, int *error_p) {
    evaluate_function own = (evaluate_function)coatt_rasqal_cached_own_function(&library, "rasqal_expression_evaluate2");
    if (!own) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    if (!e || !coatt_is_rasqal_0_9_33()) return own(e, context, error_p);
    switch (e->op) {
    case RASQAL_EXPR_AND: return evaluate_connective(e, context, 1, error_p);
    case RASQAL_EXPR_OR: return evaluate_connective(e, context, 0, error_p);
    case RASQAL_EXPR_BANG: return evaluate_not(e, context, error_p);
    default: return own(e, context, error_p);
    }
}
