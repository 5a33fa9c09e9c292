#ifndef COATT_RASQAL_TERM_HASH_H
#define COATT_RASQAL_TERM_HASH_H

#include <stddef.h>
#include <stdint.h>

#include <raptor2.h>
#include <rasqal.h>

/// `hash` mixed with an RDF term (or unbound, NULL), consistent with term equality: IRIs by text,
/// blank nodes by label, literals by lexical form, language tag (without case) and, when
/// `with_datatype`, datatype IRI; a value rasqal takes for no RDF term mixes its kind only.
__attribute__((visibility("hidden"))) uint64_t coatt_mix_term(uint64_t hash, rasqal_literal *value, int with_datatype);

/// A final mix (MurmurHash3's), which spreads every bit into the low ones that pick a slot.
__attribute__((visibility("hidden"))) uint64_t coatt_finish_hash(uint64_t hash);

/// One place of the index: an item's hash and its index + 1 (0: free).
typedef struct {
    uint64_t hash;
    size_t item;
} coatt_hash_slot;

/// Items (kept by the caller, by index) found by hash; zero-initialised is empty.
typedef struct {
    coatt_hash_slot *slots;
    size_t slot_count;
} coatt_hash_index;

/// Makes room for `count` items, at most half the slots filled; non-zero when out of memory.
__attribute__((visibility("hidden"))) int coatt_hash_index_reserve(coatt_hash_index *index, size_t count);

/// The item with `hash` that `equal(context, item)` accepts, or SIZE_MAX and the slot to `put`
/// a new one in (valid until the next reserve).
__attribute__((visibility("hidden"))) size_t coatt_hash_index_find(const coatt_hash_index *index, uint64_t hash,
                                                                   int (*equal)(void *context, size_t item), void *context,
                                                                   size_t *free_slot);

__attribute__((visibility("hidden"))) void coatt_hash_index_put(coatt_hash_index *index, size_t free_slot, uint64_t hash, size_t item);

__attribute__((visibility("hidden"))) void coatt_hash_index_free(coatt_hash_index *index);

#endif
