// Hashes of RDF terms, and an index of items by their hashes (open addressing), for the maps that
// find equal terms: DISTINCT and aggregates over DISTINCT values (rasqal_sort_maps.c) and GROUP BY
// (rasqal_groupby_rowsource.c).

#include <stdlib.h>
#include <string.h>

#include "rasqal_term_hash.h"

static uint64_t mix_word(uint64_t hash, uint64_t word) {
    hash = (hash ^ word) * 0x9e3779b97f4a7c15ULL;
    return hash ^ (hash >> 32);
}

/// Eight bytes at a time: IRIs are most of what is hashed.
static uint64_t mix_bytes(uint64_t hash, const unsigned char *bytes, size_t length) {
    size_t index = 0;
    for (; index + 8 <= length; index += 8) {
        uint64_t word;
        memcpy(&word, bytes + index, 8);
        hash = mix_word(hash, word);
    }
    uint64_t tail = length; // the length too, so "a" and "a\0" differ
    for (; index < length; index++) tail = (tail << 8) | bytes[index];
    return mix_word(hash, tail);
}

static uint64_t mix_kind(uint64_t hash, unsigned kind) { return mix_word(hash, kind); }

/// A language tag, without case.
static uint64_t mix_language(uint64_t hash, const char *tag) {
    if (!tag) return mix_kind(hash, 0);
    hash = mix_kind(hash, 1);
    for (; *tag; tag++) {
        unsigned char byte = (unsigned char)*tag;
        hash = mix_word(hash, byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte);
    }
    return hash;
}

static uint64_t mix_text(uint64_t hash, const unsigned char *text) {
    return text ? mix_bytes(mix_kind(hash, 1), text, strlen((const char *)text)) : mix_kind(hash, 0);
}

static uint64_t mix_uri(uint64_t hash, raptor_uri *uri) {
    if (!uri) return mix_kind(hash, 0);
    size_t length = 0;
    const unsigned char *text = raptor_uri_as_counted_string(uri, &length);
    return mix_bytes(mix_kind(hash, 1), text, length);
}

uint64_t coatt_mix_term(uint64_t hash, rasqal_literal *value, int with_datatype) {
    rasqal_literal_type kind = rasqal_literal_get_rdf_term_type(value);
    hash = mix_kind(hash, (unsigned)kind + 1);
    switch (kind) {
    case RASQAL_LITERAL_URI: return mix_uri(hash, value->value.uri);
    case RASQAL_LITERAL_BLANK: return mix_text(hash, value->string);
    case RASQAL_LITERAL_STRING:
        hash = mix_bytes(hash, value->string, value->string_len);
        hash = mix_language(hash, value->language);
        return with_datatype ? mix_uri(hash, value->datatype) : hash;
    default: return hash; // unbound, or a value rasqal finds equal to none
    }
}

uint64_t coatt_finish_hash(uint64_t hash) {
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    return hash;
}

int coatt_hash_index_reserve(coatt_hash_index *index, size_t count) {
    if (count * 2 <= index->slot_count) return 0;
    size_t slot_count = index->slot_count ? index->slot_count * 2 : 64;
    while (count * 2 > slot_count) slot_count *= 2;
    coatt_hash_slot *slots = calloc(slot_count, sizeof *slots);
    if (!slots) return -1;
    for (size_t old = 0; old < index->slot_count; old++) {
        if (!index->slots[old].item) continue;
        size_t slot = (size_t)index->slots[old].hash & (slot_count - 1);
        while (slots[slot].item) slot = (slot + 1) & (slot_count - 1);
        slots[slot] = index->slots[old];
    }
    free(index->slots);
    index->slots = slots;
    index->slot_count = slot_count;
    return 0;
}

size_t coatt_hash_index_find(const coatt_hash_index *index, uint64_t hash, int (*equal)(void *context, size_t item),
                             void *context, size_t *free_slot) {
    size_t mask = index->slot_count - 1;
    size_t slot = (size_t)hash & mask;
    for (; index->slots[slot].item; slot = (slot + 1) & mask)
        if (index->slots[slot].hash == hash && equal(context, index->slots[slot].item - 1)) return index->slots[slot].item - 1;
    *free_slot = slot;
    return SIZE_MAX;
}

void coatt_hash_index_put(coatt_hash_index *index, size_t free_slot, uint64_t hash, size_t item) {
    index->slots[free_slot] = (coatt_hash_slot){hash, item + 1};
}

void coatt_hash_index_free(coatt_hash_index *index) {
    free(index->slots);
    *index = (coatt_hash_index){0};
}
