#ifndef COATT_RASQAL_TRIPLE_BINDINGS_H
#define COATT_RASQAL_TRIPLE_BINDINGS_H

#include <rasqal.h>

/// Forgets what `coatt_rasqal_unbind_in_triple` noted for `query`, which rasqal is freeing.
__attribute__((visibility("hidden"))) void coatt_forget_unbound_triples(const rasqal_query *query);

#endif
