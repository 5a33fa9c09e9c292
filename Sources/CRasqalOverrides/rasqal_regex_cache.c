#define _GNU_SOURCE // asprintf
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CRasqalOverrides.h"
#include "rasqal_internals.h"
#include "rasqal_regex_cache.h"

static _Atomic(coatt_regex_translator) translator = NULL;

void coatt_rasqal_set_regex_translator(coatt_regex_translator function) { atomic_store(&translator, function); }

enum { cache_size = 8 };

typedef struct {
    char *pattern, *flags; // as written in the query; NULL for a free entry
    int for_replace;
    regex_t expression;
    unsigned long last_use;
} cache_entry;

typedef struct {
    cache_entry entries[cache_size];
    unsigned long clock;
} regex_cache;

static pthread_key_t cache_key;
static pthread_once_t cache_key_once = PTHREAD_ONCE_INIT;

static void free_entry(cache_entry *entry) {
    if (!entry->pattern) return;
    regfree(&entry->expression);
    free(entry->pattern);
    free(entry->flags);
    entry->pattern = NULL;
}

static void free_cache(void *value) {
    regex_cache *cache = value;
    for (int index = 0; index < cache_size; index++) free_entry(&cache->entries[index]);
    free(cache);
}

static void make_cache_key(void) { pthread_key_create(&cache_key, free_cache); }

static regex_cache *thread_cache(void) {
    pthread_once(&cache_key_once, make_cache_key);
    regex_cache *cache = pthread_getspecific(cache_key);
    if (!cache && (cache = calloc(1, sizeof *cache)) && pthread_setspecific(cache_key, cache)) {
        free(cache);
        cache = NULL;
    }
    return cache;
}

/// `pattern` compiled as glibc reads it, translated first when a translator is set.
static int compile(const char *pattern, const char *flags, int for_replace, regex_t *expression, char **error) {
    coatt_regex_translator translate = atomic_load(&translator);
    int ignore_case = 0;
    char *posix = NULL;
    if (translate) {
        posix = translate(pattern, flags, for_replace, &ignore_case, error);
        if (!posix) return -1;
    } else {
        ignore_case = strchr(flags, 'i') != NULL;
    }
    int status = regcomp(expression, posix ? posix : pattern, REG_EXTENDED | (ignore_case ? REG_ICASE : 0));
    free(posix);
    if (!status) return 0;
    char reason[128];
    regerror(status, expression, reason, sizeof reason);
    if (asprintf(error, "the pattern \"%s\" is not a regular expression: %s", pattern, reason) < 0) *error = NULL;
    return -1;
}

static const regex_t *cached_regex(const char *pattern, const char *flags, int for_replace, char **error) {
    regex_cache *cache = thread_cache();
    if (!cache) return NULL;
    cache_entry *oldest = &cache->entries[0];
    for (int index = 0; index < cache_size; index++) {
        cache_entry *entry = &cache->entries[index];
        if (entry->pattern && entry->for_replace == for_replace && !strcmp(entry->pattern, pattern) && !strcmp(entry->flags, flags)) {
            entry->last_use = ++cache->clock;
            return &entry->expression;
        }
        if (!entry->pattern || (oldest->pattern && entry->last_use < oldest->last_use)) oldest = entry;
    }
    char *pattern_copy = strdup(pattern), *flags_copy = strdup(flags);
    regex_t expression;
    if (!pattern_copy || !flags_copy || compile(pattern, flags, for_replace, &expression, error)) {
        free(pattern_copy);
        free(flags_copy);
        return NULL;
    }
    free_entry(oldest);
    *oldest = (cache_entry){pattern_copy, flags_copy, for_replace, expression, ++cache->clock};
    return &oldest->expression;
}

const regex_t *coatt_compiled_regex(rasqal_world *world, raptor_locator *locator, const char *pattern, const char *flags,
                                    int for_replace) {
    char *error = NULL;
    const regex_t *expression = cached_regex(pattern, flags ? flags : "", for_replace, &error);
    if (!expression)
        rasqal_log_error_simple(world, RAPTOR_LOG_LEVEL_ERROR, locator, "%s: %s", for_replace ? "REPLACE" : "REGEX",
                                error ? error : "out of memory");
    free(error);
    return expression;
}
