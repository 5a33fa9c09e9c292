// The shortest decimal digits of a double or float, shared by the casts and by the writing of
// computed doubles.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rasqal_number_text.h"

void coatt_shortest_digits(double value, int single, char digits[32], int *exponent) {
    char text[40];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*e", precision - 1, value);
        if (single ? strtof(text, NULL) == (float)value : strtod(text, NULL) == value) break;
    }
    // text is "d.ddde±x" (or "de±x").
    char *e = strchr(text, 'e');
    *exponent = atoi(e + 1);
    size_t n = 0;
    for (char *c = text; c < e; c++)
        if (*c != '.') digits[n++] = *c;
    while (n > 1 && digits[n - 1] == '0') n--;
    digits[n] = 0;
}
