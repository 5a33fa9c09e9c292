// Casts among numbers and booleans, and of them to xsd:string, as XPath defines them (SPARQL 1.1
// §17.5), in place of rasqal 0.9.33's rasqal_literal_cast for those. rasqal cast through the
// source's lexical form, so every cast whose source form is not valid for the target failed:
// xsd:integer(2.5), xsd:integer(true), xsd:boolean(-1), xsd:decimal(1E0), xsd:double(true) were
// errors, and xsd:string(1.0) gave "1.0" where XPath writes the value's canonical form ("1").
// Casts from strings and between other types stay rasqal's, but for a blank node's, which is an
// error (`rasqal_string_arguments.c`): rasqal cast its label.

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_big_integers.h"
#include "rasqal_string_arguments.h"
#include "rasqal_library.h"
#include "rasqal_number_text.h"

typedef rasqal_literal *(*cast_function)(rasqal_literal *, raptor_uri *, int, int *);

enum kind { OTHER, BOOLEAN, INTEGER, DECIMAL, FLOAT, DOUBLE, STRING };

static enum kind source_kind(const rasqal_literal *l) {
    switch (l->type) {
    case RASQAL_LITERAL_BOOLEAN: return BOOLEAN;
    case RASQAL_LITERAL_INTEGER:
    case RASQAL_LITERAL_INTEGER_SUBTYPE: return INTEGER;
    case RASQAL_LITERAL_DECIMAL: return DECIMAL;
    case RASQAL_LITERAL_FLOAT: return FLOAT;
    case RASQAL_LITERAL_DOUBLE: return DOUBLE;
    default: return OTHER;
    }
}

static enum kind target_kind(raptor_uri *datatype) {
    static const char xsd[] = "http://www.w3.org/2001/XMLSchema#";
    const char *iri = datatype ? (const char *)raptor_uri_as_string(datatype) : NULL;
    if (!iri || strncmp(iri, xsd, sizeof xsd - 1)) return OTHER;
    const char *name = iri + sizeof xsd - 1;
    if (!strcmp(name, "boolean")) return BOOLEAN;
    if (!strcmp(name, "integer")) return INTEGER;
    if (!strcmp(name, "decimal")) return DECIMAL;
    if (!strcmp(name, "float")) return FLOAT;
    if (!strcmp(name, "double")) return DOUBLE;
    if (!strcmp(name, "string")) return STRING;
    return OTHER;
}

/// A finite double or float in positional notation (a decimal's canonical form) in `out`, which
/// holds 400 bytes: enough for every double.
static void positional(double value, int single, char *out) {
    if (value == 0) {
        strcpy(out, "0");
        return;
    }
    char digits[32];
    int exponent;
    coatt_shortest_digits(fabs(value), single, digits, &exponent);
    int count = (int)strlen(digits);
    char *q = out;
    if (value < 0) *q++ = '-';
    if (exponent < 0) {
        *q++ = '0';
        *q++ = '.';
        for (int i = -1; i > exponent; i--) *q++ = '0';
        for (int i = 0; i < count; i++) *q++ = digits[i];
    } else {
        for (int i = 0; i <= exponent; i++) *q++ = i < count ? digits[i] : '0';
        if (count > exponent + 1) {
            *q++ = '.';
            for (int i = exponent + 1; i < count; i++) *q++ = digits[i];
        }
    }
    *q = 0;
}

/// XPath's string of a double or float: positional from 1E-6 up to 1E6, otherwise the canonical
/// scientific form ("1.0E6"); "NaN", "INF", "-INF".
static void xpath_string(double value, int single, char *out, size_t size) {
    if (isnan(value)) snprintf(out, size, "NaN");
    else if (isinf(value)) snprintf(out, size, value < 0 ? "-INF" : "INF");
    else if (value == 0) snprintf(out, size, signbit(value) ? "-0" : "0");
    else if (fabs(value) >= 1e-6 && fabs(value) < 1e6) positional(value, single, out);
    else {
        char digits[32];
        int exponent;
        coatt_shortest_digits(fabs(value), single, digits, &exponent);
        snprintf(out, size, "%s%c.%sE%d", value < 0 ? "-" : "", digits[0], digits[1] ? digits + 1 : "0", exponent);
    }
}

static double number_of(const rasqal_literal *l, enum kind kind) {
    switch (kind) {
    case BOOLEAN:
    case INTEGER: return l->value.integer;
    case DECIMAL: return strtod((const char *)l->string, NULL);
    default: return l->value.floating;
    }
}

static rasqal_literal *typed(rasqal_world *world, rasqal_literal_type type, const char *text) {
    return rasqal_new_typed_literal(world, type, (const unsigned char *)text);
}

/// The cast, or NULL with `*failed` set when XPath makes it an error; NULL with `*failed` clear
/// when it is left to rasqal.
static rasqal_literal *xpath_cast(rasqal_literal *l, enum kind from, enum kind to, int *failed) {
    rasqal_world *world = l->world;
    char text[400];
    double value = number_of(l, from);
    *failed = 0;
    switch (to) {
    case BOOLEAN:
        return rasqal_new_boolean_literal(world, !(value == 0 || isnan(value)));
    case INTEGER:
        // Beyond an int too: a big integer (rasqal_big_integers.c).
        if (from == DECIMAL) {
            if (!coatt_canonical_decimal((const char *)l->string, 1, text, sizeof text)) return NULL;
            return coatt_new_integer_from_text(world, text);
        }
        if (!isfinite(value)) {
            *failed = 1;
            return NULL;
        }
        snprintf(text, sizeof text, "%.0f", trunc(value));
        return coatt_new_integer_from_text(world, text);
    case DECIMAL:
        if (from == DECIMAL) { // a big integer, which is a decimal to rasqal already
            if (!coatt_canonical_decimal((const char *)l->string, 0, text, sizeof text)) return NULL;
            return typed(world, RASQAL_LITERAL_DECIMAL, text);
        }
        if (!isfinite(value)) {
            *failed = 1;
            return NULL;
        }
        positional(value, from == FLOAT, text);
        return typed(world, RASQAL_LITERAL_DECIMAL, text);
    case FLOAT:
        return rasqal_new_floating_literal(world, RASQAL_LITERAL_FLOAT, (float)value);
    case DOUBLE:
        return rasqal_new_floating_literal(world, RASQAL_LITERAL_DOUBLE, value);
    case STRING:
        switch (from) {
        case BOOLEAN: snprintf(text, sizeof text, "%s", value != 0 ? "true" : "false"); break;
        case INTEGER: snprintf(text, sizeof text, "%d", l->value.integer); break;
        case DECIMAL:
            if (!coatt_canonical_decimal((const char *)l->string, 0, text, sizeof text)) return NULL;
            break;
        default: xpath_string(value, from == FLOAT, text, sizeof text);
        }
        return typed(world, RASQAL_LITERAL_XSD_STRING, text);
    default:
        return NULL;
    }
}

rasqal_literal *rasqal_literal_cast(rasqal_literal *l, raptor_uri *to_datatype, int flags, int *error_p) {
    static _Atomic(void *) library_cast;
    cast_function own = (cast_function)coatt_rasqal_cached_own_function(&library_cast, "rasqal_literal_cast");
    if (!own) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    if (coatt_is_rasqal_0_9_33() && coatt_is_blank(l)) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    rasqal_literal *value = coatt_is_rasqal_0_9_33() ? rasqal_literal_value(l) : NULL;
    enum kind from = value ? source_kind(value) : OTHER, to = target_kind(to_datatype);
    // A big integer is a decimal to rasqal: cast here to xsd:decimal too, which sets its datatype.
    int same = from == to && !(from == DECIMAL && coatt_is_big_integer(value));
    if (from == OTHER || to == OTHER || same) return own(l, to_datatype, flags, error_p);
    int failed = 0;
    rasqal_literal *result = xpath_cast(value, from, to, &failed);
    if (result) return result;
    if (failed) {
        if (error_p) *error_p = 1;
        return NULL;
    }
    return own(l, to_datatype, flags, error_p);
}
