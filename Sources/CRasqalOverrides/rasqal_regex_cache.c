#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rasqal_regex_cache.h"

enum { cache_size = 8 };

typedef struct {
    char *pattern; // NULL for a free entry
    int icase;
    regex_t expression;
    unsigned long last_use;
} cache_entry;

typedef struct {
    cache_entry entries[cache_size];
    unsigned long clock;
} regex_cache;

static pthread_key_t cache_key;
static pthread_once_t cache_key_once = PTHREAD_ONCE_INIT;

static void free_cache(void *value) {
    regex_cache *cache = value;
    for (int index = 0; index < cache_size; index++) {
        if (!cache->entries[index].pattern) continue;
        regfree(&cache->entries[index].expression);
        free(cache->entries[index].pattern);
    }
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

const regex_t *coatt_compiled_regex(const char *pattern, int icase, int *status) {
    regex_cache *cache = thread_cache();
    if (!cache) { *status = REG_ESPACE; return NULL; }
    cache_entry *oldest = &cache->entries[0];
    for (int index = 0; index < cache_size; index++) {
        cache_entry *entry = &cache->entries[index];
        if (entry->pattern && entry->icase == icase && !strcmp(entry->pattern, pattern)) {
            entry->last_use = ++cache->clock;
            *status = 0;
            return &entry->expression;
        }
        if (!entry->pattern || (oldest->pattern && entry->last_use < oldest->last_use)) oldest = entry;
    }
    char *copy = strdup(pattern);
    if (!copy) { *status = REG_ESPACE; return NULL; }
    regex_t expression;
    *status = regcomp(&expression, pattern, REG_EXTENDED | (icase ? REG_ICASE : 0));
    if (*status) { free(copy); return NULL; }
    if (oldest->pattern) {
        regfree(&oldest->expression);
        free(oldest->pattern);
    }
    *oldest = (cache_entry){copy, icase, expression, ++cache->clock};
    return &oldest->expression;
}
