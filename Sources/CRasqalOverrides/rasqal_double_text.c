// Computed doubles written in XSD's canonical form with every digit they need, in place of
// rasqal 0.9.33's rasqal_xsd_format_double: it printed 15 significant digits and then cut the
// mantissa at its last zero that follows another digit, taking it for the start of trailing
// zeros, so AVG(?confidence) = 0.7542528310788443 came out as "7.54252831E-1".

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_library.h"
#include "rasqal_number_text.h"

typedef unsigned char *(*format_function)(double, size_t *);

unsigned char *rasqal_xsd_format_double(double d, size_t *len_p) {
    if (!coatt_is_rasqal_0_9_33()) {
        static _Atomic(void *) library_format;
        format_function own = (format_function)coatt_rasqal_cached_own_function(&library_format, "rasqal_xsd_format_double");
        return own ? own(d, len_p) : NULL;
    }
    char *text = malloc(40);
    if (!text) return NULL;
    if (isnan(d)) {
        strcpy(text, "NaN");
    } else if (isinf(d)) {
        strcpy(text, d < 0 ? "-INF" : "INF");
    } else if (d == 0) {
        strcpy(text, signbit(d) ? "-0.0E0" : "0.0E0");
    } else {
        char digits[32];
        int exponent;
        coatt_shortest_digits(fabs(d), 0, digits, &exponent);
        snprintf(text, 40, "%s%c.%sE%d", d < 0 ? "-" : "", digits[0], digits[1] ? digits + 1 : "0", exponent);
    }
    if (len_p) *len_p = strlen(text);
    return (unsigned char *)text;
}
