// UCASE and LCASE over every letter, in place of rasqal 0.9.33's, which changed ASCII letters
// only (UCASE("naïve") was "NAïVE"): it mapped each byte of the UTF-8 text with toupper/tolower.
// Each character is mapped with towupper/towlower in the process's LC_CTYPE (C.UTF-8, set by
// the store's CharacterLocale before the first query), one character to one, as glibc maps
// them, but for Unicode's full mappings, which XPath's fn:upper-case and fn:lower-case apply:
// the characters whose upper case is several (UCASE("straße") is "STRASSE", from the table
// scripts/make_special_casing.py writes), İ's lower case "i̇", and a capital sigma that ends a
// word, whose lower case is "ς" (LCASE("ΟΔΟΣ") is "οδος"). The rest is rasqal's own: the
// argument's text, language tag and datatype kept.

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_library.h"
#include "rasqal_special_casing.h"

/// The UTF-8 sequence at `text` (of `length` bytes) read as one character: its code point and
/// byte count, or -1 for a byte that starts no well-formed sequence (copied as it is).
static long decode(const unsigned char *text, size_t length, size_t *used) {
    unsigned char lead = text[0];
    size_t count = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
    if (count == 0 || count > length) { *used = 1; return -1; }
    long point = count == 1 ? lead : lead & (0x7f >> count);
    for (size_t index = 1; index < count; index++) {
        if ((text[index] & 0xc0) != 0x80) { *used = 1; return -1; }
        point = (point << 6) | (text[index] & 0x3f);
    }
    *used = count;
    return point;
}

static size_t encode(long point, unsigned char *out) {
    if (point < 0x80) { out[0] = (unsigned char)point; return 1; }
    if (point < 0x800) {
        out[0] = (unsigned char)(0xc0 | (point >> 6));
        out[1] = (unsigned char)(0x80 | (point & 0x3f));
        return 2;
    }
    if (point < 0x10000) {
        out[0] = (unsigned char)(0xe0 | (point >> 12));
        out[1] = (unsigned char)(0x80 | ((point >> 6) & 0x3f));
        out[2] = (unsigned char)(0x80 | (point & 0x3f));
        return 3;
    }
    out[0] = (unsigned char)(0xf0 | (point >> 18));
    out[1] = (unsigned char)(0x80 | ((point >> 12) & 0x3f));
    out[2] = (unsigned char)(0x80 | ((point >> 6) & 0x3f));
    out[3] = (unsigned char)(0x80 | (point & 0x3f));
    return 4;
}

/// The upper case of `point` when it is several characters (up to 3, 0 after the last); NULL
/// when it is one.
static const uint32_t *special_upper_case(long point) {
    size_t low = 0, high = sizeof coatt_special_upper_case / sizeof coatt_special_upper_case[0];
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (coatt_special_upper_case[middle].point == (uint32_t)point) return coatt_special_upper_case[middle].upper;
        if (coatt_special_upper_case[middle].point < (uint32_t)point) low = middle + 1; else high = middle;
    }
    return NULL;
}

/// Whether the character at `text` (of `length` bytes) is a letter; none past the end.
static int letter_at(const unsigned char *text, size_t length) {
    size_t used = 0;
    long point = length ? decode(text, length, &used) : -1;
    return point >= 0 && iswalpha((wint_t)point);
}

/// `text` with every character mapped to upper (or lower) case, NUL-terminated, from malloc.
static unsigned char *changed_case(const unsigned char *text, size_t length, int upper) {
    unsigned char *out = malloc(length * 3 + 4); // a full mapping triples a character's bytes at most (ΐ)
    if (!out) return NULL;
    size_t written = 0;
    int after_letter = 0;
    for (size_t index = 0; index < length;) {
        size_t used = 0;
        long point = decode(text + index, length - index, &used);
        const uint32_t *several = upper && point >= 0 ? special_upper_case(point) : NULL;
        if (point < 0) {
            out[written++] = text[index];
        } else if (several) {
            for (int k = 0; k < 3 && several[k]; k++) written += encode(several[k], out + written);
        } else if (!upper && point == 0x130) {  // İ: i and a combining dot above
            written += encode(0x69, out + written);
            written += encode(0x307, out + written);
        } else if (!upper && point == 0x3A3) {  // Σ: final at a word's end
            int final = after_letter && !letter_at(text + index + used, length - index - used);
            written += encode(final ? 0x3C2 : 0x3C3, out + written);
        } else {
            long mapped = upper ? (long)towupper((wint_t)point) : (long)towlower((wint_t)point);
            written += encode(mapped, out + written);
        }
        after_letter = point >= 0 && iswalpha((wint_t)point);
        index += used;
    }
    out[written] = '\0';
    return out;
}

rasqal_literal *rasqal_expression_evaluate_set_case(rasqal_expression *e, rasqal_evaluation_context *context, int *error_p) {
    if (!coatt_is_rasqal_0_9_33()) {
        rasqal_literal *(*own)(rasqal_expression *, rasqal_evaluation_context *, int *) =
            coatt_rasqal_own_function("rasqal_expression_evaluate_set_case");
        if (own) return own(e, context, error_p);
        if (error_p) *error_p = 1;
        return NULL;
    }
    int error = 0;
    rasqal_literal *argument = rasqal_expression_evaluate2(e->arg1, context, &error);
    size_t length = 0;
    const unsigned char *text = !error && argument ? rasqal_literal_as_counted_string(argument, &length, context->flags, &error) : NULL;
    unsigned char *changed = text && !error ? changed_case(text, length, e->op == RASQAL_EXPR_UCASE) : NULL;
    char *language = NULL;
    if (changed && argument->language) {
        language = strdup(argument->language);
        if (!language) { free(changed); changed = NULL; }
    }
    if (!changed) {
        if (argument) rasqal_free_literal(argument);
        if (error_p) *error_p = 1;
        return NULL;
    }
    raptor_uri *datatype = argument->datatype ? raptor_uri_copy(argument->datatype) : NULL;
    rasqal_literal *result = rasqal_new_string_literal(context->world, changed, language, datatype, NULL); // takes all three
    rasqal_free_literal(argument);
    if (!result && error_p) *error_p = 1;
    return result;
}
