// The texts of dates and dateTimes.
//
// A date's or dateTime's text is its lexical form as written: rasqal 0.9.33 replaced it with its
// canonical form when it read the literal (from the store, from a query, from an update), so
// STR("2020-05-06T07:08:09.50Z"^^xsd:dateTime) gave "…09.5Z" and INSERT DATA stored that, another
// term than the one written (the numbers' texts were always kept). rasqal_literal_string_to_native
// (`rasqal_big_integers.c`) and rasqal_new_typed_literal put the written text back
// (`coatt_date_lexical_form`, `coatt_keep_lexical_form`); the value rasqal parsed stays.
//
// Timezone offsets are written as XML Schema writes them, in place of rasqal's, whose
// formatting of an offset is broken:
// - the minutes digit of `±HH:MM` came out as a stray byte when the minutes were not a multiple
//   of ten: "2020-05-06T07:08:09-05:30" read back as `…-05:3"`, "+05:45" as bytes that are no
//   UTF-8 (STR gave nothing, INSERT DATA of the literal failed as "invalid UTF-8");
// - TIMEZONE() of an offset of ten hours or more lost the hours: +14:00 gave "PT14Hl0M";
// - a zero offset written `+00:00` came back as "-00:00"; it is written "Z", its canonical form;
// - TZ() gave "" with a length of 6 for "Z".
// The canonical texts (of values rasqal computes) are rasqal's, with the offset at their end
// written again.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_datetime_texts.h"
#include "rasqal_library.h"

typedef char *(*datetime_text_function)(const rasqal_xsd_datetime *, size_t *);
typedef char *(*date_text_function)(const rasqal_xsd_date *, size_t *);

/// `minutes` as `±HH:MM` (6 characters and a NUL) or, for 0, `Z` and a NUL.
static size_t write_offset(int minutes, char *out) {
    if (minutes == 0) {
        memcpy(out, "Z", 2);
        return 1;
    }
    int size = abs(minutes);
    out[0] = minutes < 0 ? '-' : '+';
    out[1] = (char)('0' + size / 600);
    out[2] = (char)('0' + size / 60 % 10);
    out[3] = ':';
    out[4] = (char)('0' + size % 60 / 10);
    out[5] = (char)('0' + size % 10);
    out[6] = '\0';
    return 6;
}

/// Writes the offset again over the `±HH:MM` that ends `text` (of `*length` characters, or as
/// long as it is), when the value has one.
static char *with_offset(char *text, size_t *len_p, char have_tz, int minutes) {
    if (!text || have_tz != 'Y') return text;
    size_t length = strlen(text);
    if (length < 6) return text;
    length = length - 6 + write_offset(minutes, text + length - 6);
    if (len_p) *len_p = length;
    return text;
}

char *rasqal_xsd_datetime_to_counted_string(const rasqal_xsd_datetime *dt, size_t *len_p) {
    static _Atomic(void *) library;
    datetime_text_function own = (datetime_text_function)coatt_rasqal_cached_own_function(&library, "rasqal_xsd_datetime_to_counted_string");
    if (!own) return NULL;
    char *text = own(dt, len_p);
    return coatt_is_rasqal_0_9_33() && dt ? with_offset(text, len_p, dt->have_tz, dt->timezone_minutes) : text;
}

char *rasqal_xsd_date_to_counted_string(const rasqal_xsd_date *date, size_t *len_p) {
    static _Atomic(void *) library;
    date_text_function own = (date_text_function)coatt_rasqal_cached_own_function(&library, "rasqal_xsd_date_to_counted_string");
    if (!own) return NULL;
    char *text = own(date, len_p);
    return coatt_is_rasqal_0_9_33() && date ? with_offset(text, len_p, date->have_tz, date->timezone_minutes) : text;
}

/// TZ(): the offset as written in a dateTime, or "" without one.
char *rasqal_xsd_datetime_get_tz_as_counted_string(rasqal_xsd_datetime *dt, size_t *len_p) {
    if (!coatt_is_rasqal_0_9_33()) {
        datetime_text_function own = (datetime_text_function)coatt_rasqal_own_function("rasqal_xsd_datetime_get_tz_as_counted_string");
        return own ? own(dt, len_p) : NULL;
    }
    char *text = dt ? malloc(7) : NULL;
    if (!text) return NULL;
    size_t length = dt->have_tz == 'N' ? (text[0] = '\0', 0) : write_offset(dt->have_tz == 'Z' ? 0 : dt->timezone_minutes, text);
    if (len_p) *len_p = length;
    return text;
}

/// TIMEZONE(): the offset as an xsd:dayTimeDuration (`-PT5H30M`, `PT14H`, `PT0S`); NULL, an
/// error, without one.
char *rasqal_xsd_datetime_get_timezone_as_counted_string(rasqal_xsd_datetime *dt, size_t *len_p) {
    if (!coatt_is_rasqal_0_9_33()) {
        datetime_text_function own = (datetime_text_function)coatt_rasqal_own_function("rasqal_xsd_datetime_get_timezone_as_counted_string");
        return own ? own(dt, len_p) : NULL;
    }
    if (!dt || dt->have_tz == 'N') return NULL;
    char *text = malloc(16);
    if (!text) return NULL;
    int minutes = dt->have_tz == 'Z' ? 0 : dt->timezone_minutes, size = abs(minutes);
    char *p = text;
    if (minutes < 0) *p++ = '-';
    *p++ = 'P';
    *p++ = 'T';
    if (size / 60) p += sprintf(p, "%dH", size / 60);
    if (size % 60) p += sprintf(p, "%dM", size % 60);
    if (!size) p += sprintf(p, "0S");
    if (len_p) *len_p = (size_t)(p - text);
    return text;
}

char *coatt_date_lexical_form(const rasqal_literal *l) {
    if (!l || !l->string || !l->datatype) return NULL;
    static const char xsd[] = "http://www.w3.org/2001/XMLSchema#";
    size_t length = 0;
    const char *iri = (const char *)raptor_uri_as_counted_string(l->datatype, &length);
    if (length < sizeof xsd - 1 || memcmp(iri, xsd, sizeof xsd - 1)) return NULL;
    const char *local = iri + sizeof xsd - 1;
    return strcmp(local, "date") && strcmp(local, "dateTime") ? NULL : strdup((const char *)l->string);
}

void coatt_keep_lexical_form(rasqal_literal *l, char *written) {
    if (!written) return;
    if (l && (l->type == RASQAL_LITERAL_DATE || l->type == RASQAL_LITERAL_DATETIME) && l->string
        && strcmp(written, (const char *)l->string)) {
        free((void *)l->string);  // rasqal's canonical text, which the literal owns
        l->string = (const unsigned char *)written;
        l->string_len = (unsigned int)strlen(written);
        return;
    }
    free(written);
}
