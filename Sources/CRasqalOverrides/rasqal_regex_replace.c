// REPLACE, in place of rasqal 0.9.33's rasqal_regex_replace, which never ended when its pattern
// matched the empty string ("^", "a*"), filled a group reference ("$1") with the text of the
// wrong group plus one character, and let "^" match again after each replacement.
//
// The pattern, constant or computed, is read as SPARQL says through the store's translator into a
// POSIX extended expression (rasqal_regex_cache.c), matched in the process's LC_CTYPE (C.UTF-8). The replacement is read as XPath's fn:replace reads it: `$N` is group N (its
// digits taken while the number names a group; $0 the whole match; a group that took no part,
// the empty string), `\$` and `\\` are `$` and `\`, and any other `\` or `$` is an error. An
// empty match is replaced too, and then the next character is kept, as Oxigraph and most regex
// libraries do (XPath 2.0 makes a pattern that matches the empty string an error).

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_internals.h"
#include "rasqal_library.h"
#include "rasqal_regex_cache.h"

/// A growing result text.
typedef struct {
    char *text;
    size_t length, capacity;
} text_buffer;

static int append(text_buffer *buffer, const char *bytes, size_t count) {
    if (buffer->length + count + 1 > buffer->capacity) {
        size_t capacity = (buffer->length + count + 1) * 2;
        char *text = realloc(buffer->text, capacity);
        if (!text) return -1;
        buffer->text = text;
        buffer->capacity = capacity;
    }
    memcpy(buffer->text + buffer->length, bytes, count);
    buffer->length += count;
    buffer->text[buffer->length] = '\0';
    return 0;
}

/// Whether `replacement` reads as fn:replace's replacement string.
static int is_valid_replacement(const char *replacement, size_t length) {
    for (size_t index = 0; index < length; index++) {
        if (replacement[index] == '\\') {
            if (index + 1 == length || (replacement[index + 1] != '\\' && replacement[index + 1] != '$')) return 0;
            index++;
        } else if (replacement[index] == '$') {
            if (index + 1 == length || replacement[index + 1] < '0' || replacement[index + 1] > '9') return 0;
        }
    }
    return 1;
}

/// Appends `replacement` for the match `groups` (of `subject`), its references filled in.
static int append_replacement(text_buffer *buffer, const char *replacement, size_t length, const char *subject,
                              const regmatch_t *groups, size_t group_count) {
    for (size_t index = 0; index < length; index++) {
        char character = replacement[index];
        if (character == '\\') {
            if (append(buffer, &replacement[++index], 1)) return -1;
        } else if (character == '$') {
            size_t group = (size_t)(replacement[++index] - '0');
            while (index + 1 < length && replacement[index + 1] >= '0' && replacement[index + 1] <= '9'
                   && group * 10 + (size_t)(replacement[index + 1] - '0') < group_count)
                group = group * 10 + (size_t)(replacement[++index] - '0');
            if (group < group_count && groups[group].rm_so >= 0
                && append(buffer, subject + groups[group].rm_so, (size_t)(groups[group].rm_eo - groups[group].rm_so)))
                return -1;
        } else if (append(buffer, &character, 1)) {
            return -1;
        }
    }
    return 0;
}

/// The length of the UTF-8 character that starts at `bytes` (1 for a byte that starts none).
static size_t character_length(const unsigned char *bytes, size_t available) {
    size_t count = bytes[0] < 0xc0 ? 1 : bytes[0] < 0xe0 ? 2 : bytes[0] < 0xf0 ? 3 : 4;
    return count <= available ? count : 1;
}

static char *replace_all(const regex_t *expression, const char *subject, size_t subject_length, const char *replacement,
                         size_t replacement_length, size_t *result_length) {
    size_t group_count = expression->re_nsub + 1;
    regmatch_t *groups = calloc(group_count, sizeof *groups);
    text_buffer result = {NULL, 0, 0};
    if (!groups || append(&result, "", 0)) goto failed;
    size_t offset = 0;
    long previous_end = -1; // where the last match ended, so that no empty match follows it there
    while (offset <= subject_length) {
        // The whole subject with the range to search (glibc's REG_STARTEND), so that ^ and \b see
        // the characters before `offset`; the offsets found are the subject's.
        groups[0].rm_so = (regoff_t)offset;
        groups[0].rm_eo = (regoff_t)subject_length;
        if (regexec(expression, subject, group_count, groups, REG_STARTEND) != 0) break;
        size_t start = (size_t)groups[0].rm_so, end = (size_t)groups[0].rm_eo;
        if (start == end && (long)start == previous_end) {
            // An empty match right where the last one ended: keep one character and go on.
            if (start == subject_length) break;
            size_t step = character_length((const unsigned char *)subject + start, subject_length - start);
            if (append(&result, subject + offset, start - offset + step)) goto failed;
            offset = start + step;
            continue;
        }
        if (append(&result, subject + offset, start - offset)
            || append_replacement(&result, replacement, replacement_length, subject, groups, group_count))
            goto failed;
        previous_end = (long)end;
        if (start < end) {
            offset = end;
        } else { // an empty match: keep the next character, then look again after it
            if (start == subject_length) { offset = subject_length + 1; break; }
            size_t step = character_length((const unsigned char *)subject + start, subject_length - start);
            if (append(&result, subject + start, step)) goto failed;
            offset = start + step;
        }
    }
    if (offset < subject_length && append(&result, subject + offset, subject_length - offset)) goto failed;
    free(groups);
    *result_length = result.length;
    return result.text;

failed:
    free(groups);
    free(result.text);
    return NULL;
}

char *rasqal_regex_replace(rasqal_world *world, raptor_locator *locator, const char *pattern, const char *regex_flags,
                           const char *subject, size_t subject_length, const char *replacement, size_t replacement_length,
                           size_t *result_length) {
    if (!coatt_is_rasqal_0_9_33()) {
        char *(*own)(rasqal_world *, raptor_locator *, const char *, const char *, const char *, size_t, const char *, size_t,
                     size_t *) = coatt_rasqal_own_function("rasqal_regex_replace");
        return own ? own(world, locator, pattern, regex_flags, subject, subject_length, replacement, replacement_length,
                         result_length)
                   : NULL;
    }
    if (!is_valid_replacement(replacement, replacement_length)) {
        rasqal_log_error_simple(world, RAPTOR_LOG_LEVEL_ERROR, locator,
                                "REPLACE's replacement \"%s\" is not valid: write \\$ for $ and \\\\ for \\; "
                                "$ starts a group reference ($1)", replacement);
        return NULL;
    }
    const regex_t *expression = coatt_compiled_regex(world, locator, pattern, regex_flags, 1);
    return expression ? replace_all(expression, subject, subject_length, replacement, replacement_length, result_length) : NULL;
}
