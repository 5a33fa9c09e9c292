// Two aggregates that differ only in DISTINCT are two aggregates, in place of rasqal 0.9.33's
// rasqal_expression_compare, which does not read the flag. rasqal finds a SELECT's aggregates in
// a map ordered by that comparison, so `COUNT(*)` beside `COUNT(DISTINCT *)` took its value.
// (Aggregates over an argument are kept apart by AggregateRewrite, which gives each its own
// argument; `*` has none to give.) The map's comparison is the only call into this function
// through the PLT; rasqal's recursive calls stay its own.

#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_library.h"

typedef int (*compare_function)(rasqal_expression *, rasqal_expression *, int, int *);

int rasqal_expression_compare(rasqal_expression *e1, rasqal_expression *e2, int flags, int *error_p) {
    static _Atomic(void *) library_compare;
    compare_function own = (compare_function)coatt_rasqal_cached_own_function(&library_compare, "rasqal_expression_compare");
    if (!own) {
        if (error_p) *error_p = 1;
        return 1;
    }
    // Ordered by operator first, as rasqal's is, then by DISTINCT, then as rasqal orders them:
    // one total order, as the map needs.
    if (coatt_is_rasqal_0_9_33() && e1 && e2 && e1->op == e2->op) {
        int distinct1 = (e1->flags & RASQAL_EXPR_FLAG_DISTINCT) != 0, distinct2 = (e2->flags & RASQAL_EXPR_FLAG_DISTINCT) != 0;
        if (distinct1 != distinct2) {
            if (error_p) *error_p = 0;
            return distinct1 - distinct2;
        }
    }
    return own(e1, e2, flags, error_p);
}
