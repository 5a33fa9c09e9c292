// Numbers as text: the shortest decimal digits of a double or float (shared by the casts and by
// the writing of computed doubles) and the canonical form of a decimal (casts, big integers).

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

int coatt_canonical_decimal(const char *lexical, int whole_only, char *out, size_t size) {
    const char *p = lexical;
    int negative = 0;
    if (*p == '+' || *p == '-') negative = *p++ == '-';
    const char *whole = p;
    while (*p >= '0' && *p <= '9') p++;
    const char *whole_end = p, *fraction = p, *fraction_end = p;
    if (*p == '.') {
        fraction = ++p;
        while (*p >= '0' && *p <= '9') p++;
        fraction_end = p;
    }
    if (*p || (whole == whole_end && fraction == fraction_end)) return 0;
    while (whole < whole_end && *whole == '0') whole++;
    while (fraction_end > fraction && fraction_end[-1] == '0') fraction_end--;
    if (whole_only) fraction_end = fraction;
    size_t whole_length = (size_t)(whole_end - whole), fraction_length = (size_t)(fraction_end - fraction);
    if (whole_length + fraction_length + 4 > size) return 0;
    char *q = out;
    if (negative && (whole_length || fraction_length)) *q++ = '-';
    if (whole_length) {
        memcpy(q, whole, whole_length);
        q += whole_length;
    } else {
        *q++ = '0';
    }
    if (fraction_length) {
        *q++ = '.';
        memcpy(q, fraction, fraction_length);
        q += fraction_length;
    }
    *q = 0;
    return 1;
}
