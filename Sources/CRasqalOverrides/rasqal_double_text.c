// Computed doubles written in XSD's canonical form with every digit they need, in place of
// rasqal 0.9.33's rasqal_xsd_format_double: it printed 15 significant digits and then cut the
// mantissa at its last zero that follows another digit, taking it for the start of trailing
// zeros, so AVG(?confidence) = 0.7542528310788443 came out as "7.54252831E-1".
// Computed floats (rasqal_new_floating_literal of xsd:float) are rounded to float precision and
// written with the digits a float needs: rasqal wrote them as doubles, so xsd:float(0.1) came out
// as "1.0000000149011612E-1".

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_library.h"
#include "rasqal_number_text.h"

typedef unsigned char *(*format_function)(double, size_t *);
typedef rasqal_literal *(*floating_literal_function)(rasqal_world *, rasqal_literal_type, double);

/// `d` in XSD's canonical form, with the digits a double (or a float, when `single`) needs.
static unsigned char *canonical_text(double d, int single, size_t *len_p) {
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
        coatt_shortest_digits(fabs(d), single, digits, &exponent);
        snprintf(text, 40, "%s%c.%sE%d", d < 0 ? "-" : "", digits[0], digits[1] ? digits + 1 : "0", exponent);
    }
    if (len_p) *len_p = strlen(text);
    return (unsigned char *)text;
}

unsigned char *rasqal_xsd_format_double(double d, size_t *len_p) {
    if (!coatt_is_rasqal_0_9_33()) {
        static _Atomic(void *) library_format;
        format_function own = (format_function)coatt_rasqal_cached_own_function(&library_format, "rasqal_xsd_format_double");
        return own ? own(d, len_p) : NULL;
    }
    return canonical_text(d, 0, len_p);
}

rasqal_literal *rasqal_new_floating_literal(rasqal_world *world, rasqal_literal_type type, double d) {
    static _Atomic(void *) library;
    floating_literal_function own = (floating_literal_function)coatt_rasqal_cached_own_function(&library, "rasqal_new_floating_literal");
    if (!own) return NULL;
    if (type != RASQAL_LITERAL_FLOAT || !coatt_is_rasqal_0_9_33()) return own(world, type, d);
    double single = (double)(float)d;
    rasqal_literal *literal = own(world, type, single);
    size_t length = 0;
    unsigned char *text = literal ? canonical_text(single, 1, &length) : NULL;
    if (!text) return literal;
    free((void *)literal->string);  // the double's text, which the literal owns
    literal->string = text;
    literal->string_len = (unsigned int)length;
    return literal;
}
