#ifndef COATT_RASQAL_FLOATING_FUNCTIONS_H
#define COATT_RASQAL_FLOATING_FUNCTIONS_H

#include <rasqal.h>

/// `-l` (`absolute` 0) or ABS(l) (1) when `l` is a double or float (*answered set); NULL with
/// *answered clear otherwise.
__attribute__((visibility("hidden"))) rasqal_literal *coatt_floating_sign(rasqal_literal *l, int absolute, int *error_p, int *answered);

#endif
