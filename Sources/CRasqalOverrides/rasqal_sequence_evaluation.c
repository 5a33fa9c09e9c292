// A failed evaluation of an expression list frees the list, in place of rasqal 0.9.33's
// rasqal_expression_sequence_evaluate, which returns NULL and leaves it behind when an
// expression fails and errors are not to be ignored. Its one such caller is HAVING: every group
// whose condition failed to evaluate (SUM of a string, a comparison of an IRI with a number)
// leaked 64 bytes, in an endpoint worker without bound. The list is evaluated ignoring errors,
// which leaves a failed expression's place empty, and an empty place is then the error it was.

#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_internals.h"
#include "rasqal_library.h"

typedef raptor_sequence *(*evaluate_function)(rasqal_query *, raptor_sequence *, int, int *);

raptor_sequence *rasqal_expression_sequence_evaluate(rasqal_query *query, raptor_sequence *expressions, int ignore_errors,
                                                     int *error_p) {
    static _Atomic(void *) library;
    evaluate_function own = (evaluate_function)coatt_rasqal_cached_own_function(&library, "rasqal_expression_sequence_evaluate");
    if (!own) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    if (ignore_errors || !coatt_is_rasqal_0_9_33()) return own(query, expressions, ignore_errors, error_p);
    int error = 0;
    raptor_sequence *values = own(query, expressions, 1, &error);
    int count = expressions ? raptor_sequence_size(expressions) : 0;
    int complete = values && !error && raptor_sequence_size(values) == count;
    for (int index = 0; complete && index < count; index++) complete = raptor_sequence_get_at(values, index) != NULL;
    if (complete) return values;
    if (values) raptor_free_sequence(values);
    if (error_p) *error_p = 1;
    return NULL;
}
