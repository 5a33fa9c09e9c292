// UUID(), STRUUID() and BNODE() make a new term each time they are evaluated, so an expression
// that calls one is no constant, in place of rasqal 0.9.33's rasqal_expression_is_constant, which
// counted them as constants: its constant folding evaluated them once, when the query was
// prepared, and `BIND(UUID() AS ?id)` gave every solution the same IRI (an INSERT … WHERE minting
// one IRI per row made one for all), `BIND(BNODE() AS ?b)` the same blank node.

#include <stdatomic.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_library.h"

static int makes_fresh_term(void *user_data, rasqal_expression *e) {
    (void)user_data;
    return e->op == RASQAL_EXPR_UUID || e->op == RASQAL_EXPR_STRUUID || e->op == RASQAL_EXPR_BNODE;
}

int rasqal_expression_is_constant(rasqal_expression *e) {
    static _Atomic(void *) library_is_constant;
    int (*own)(rasqal_expression *) =
        (int (*)(rasqal_expression *))coatt_rasqal_cached_own_function(&library_is_constant, "rasqal_expression_is_constant");
    if (!own) return 0;  // never folded: evaluated for each solution, which is always right
    if (e && coatt_is_rasqal_0_9_33() && rasqal_expression_visit(e, makes_fresh_term, NULL)) return 0;
    return own(e);
}
