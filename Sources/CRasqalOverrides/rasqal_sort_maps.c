// rasqal 0.9.33's sort maps, replaced: the maps that keep solutions for DISTINCT and ORDER BY,
// and the values of an aggregate over DISTINCT values.
//
// rasqal keeps them in an unbalanced binary tree (rasqal_map) whose comparator, for DISTINCT,
// orders by arrival: every new row walks past every row kept before it, so a sub-SELECT
// DISTINCT over 44,000 labels took 30 s. Rows that come in sorted order, as the store returns
// them, turn an ORDER BY tree into a list too. rasqal reaches these maps only through exported
// functions called by way of the PLT, so the definitions below, linked into the executable, take
// their place. DISTINCT hashes by RDF term and confirms each candidate with rasqal's own
// equality; ORDER BY is a stable merge sort, key by key, in SPARQL 1.1's order of terms
// (rasqal_value_order.c). rasqal's comparison stopped at the first key unbound in both rows, put
// unbound values first under DESC too, and took values it could not compare (a number and a
// string, an IRI and a literal) for equal, so they stayed in arrival order. With any other
// rasqal version, every call goes on to the library's own functions.

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "CRasqalOverrides.h"
#include "rasqal_internals.h"
#include "rasqal_library.h"
#include "rasqal_term_hash.h"
#include "rasqal_value_order.h"

static atomic_long maps_made = 0;

long coatt_rasqal_sort_maps_made(void) { return atomic_load(&maps_made); }

// Rows and sequences are hashed by RDF term (with datatypes), consistent with rasqal's
// RASQAL_COMPARE_RDF equality.

// ---- The map ----

typedef enum { ROWS, LITERAL_SEQUENCES } item_kind;

static const char map_marker = 0;

/// Rows (DISTINCT, ORDER BY) or sequences of literals (an aggregate's DISTINCT values). The first
/// field tells it from rasqal's own maps in rasqal_free_map: theirs starts with a tree pointer,
/// never the address of `map_marker`.
typedef struct {
    const char *marker;
    item_kind kind;
    int is_distinct;
    int key_count;
    int *descending;                  // per ORDER BY key
    void **items;                     // in arrival order, owned by the map
    size_t item_count, item_capacity;
    coatt_hash_index index;           // the items by hash, for DISTINCT
} sort_map;

static sort_map *our_map(rasqal_map *map) {
    sort_map *candidate = (sort_map *)map;
    return candidate && candidate->marker == &map_marker ? candidate : NULL;
}

static uint64_t item_hash(const sort_map *map, void *item) {
    uint64_t hash = 0;
    if (map->kind == ROWS) {
        for (int index = 0; index < rasqal_row_fields(item)->size; index++) hash = coatt_mix_term(hash, rasqal_row_fields(item)->values[index], 1);
    } else {
        int size = raptor_sequence_size(item);
        for (int index = 0; index < size; index++) hash = coatt_mix_term(hash, raptor_sequence_get_at(item, index), 1);
    }
    return coatt_finish_hash(hash);
}

static int items_equal(const sort_map *map, void *kept, void *item) {
    if (map->kind == ROWS) return rasqal_literal_array_equals(rasqal_row_fields(kept)->values, rasqal_row_fields(item)->values, rasqal_row_fields(item)->size);
    return raptor_sequence_size(kept) == raptor_sequence_size(item) && rasqal_literal_sequence_equals(kept, item);
}

static void free_item(const sort_map *map, void *item) {
    if (map->kind == ROWS) rasqal_free_row(item);
    else raptor_free_sequence(item);
}

static void free_sort_map(sort_map *map) {
    for (size_t index = 0; index < map->item_count; index++) free_item(map, map->items[index]);
    free(map->descending);
    free(map->items);
    coatt_hash_index_free(&map->index);
    free(map);
}

static sort_map *new_sort_map(item_kind kind, int is_distinct, raptor_sequence *order_conditions) {
    sort_map *map = calloc(1, sizeof *map);
    if (!map) return NULL;
    map->marker = &map_marker;
    map->kind = kind;
    map->is_distinct = is_distinct;
    int key_count = order_conditions ? raptor_sequence_size(order_conditions) : 0;
    if (key_count > 0) {
        map->descending = calloc((size_t)key_count, sizeof *map->descending);
        if (!map->descending) { free_sort_map(map); return NULL; }
        map->key_count = key_count;
        for (int key = 0; key < key_count; key++) {
            rasqal_expression *condition = raptor_sequence_get_at(order_conditions, key);
            map->descending[key] = condition && condition->op == RASQAL_EXPR_ORDER_COND_DESC;
        }
    }
    atomic_fetch_add(&maps_made, 1);
    return map;
}

/// Whether `item` (passed as the context) equals the item kept at `kept`.
typedef struct {
    const sort_map *map;
    void *item;
} candidate;

static int equals_kept(void *context, size_t kept) {
    const candidate *found = context;
    return items_equal(found->map, found->map->items[kept], found->item);
}

/// 0 when `item` is kept, 1 when it was a duplicate (or could not be kept) and was freed, as
/// rasqal's own maps answer.
static int add_item(sort_map *map, void *item) {
    if (map->item_count == map->item_capacity) {
        size_t capacity = map->item_capacity ? map->item_capacity * 2 : 64;
        void **items = realloc(map->items, capacity * sizeof *items);
        if (!items) { free_item(map, item); return 1; }
        map->items = items;
        map->item_capacity = capacity;
    }
    if (map->is_distinct) {
        if (coatt_hash_index_reserve(&map->index, map->item_count + 1)) { free_item(map, item); return 1; }
        uint64_t hash = item_hash(map, item);
        size_t slot = 0;
        if (coatt_hash_index_find(&map->index, hash, equals_kept, &(candidate){map, item}, &slot) != SIZE_MAX) {
            free_item(map, item);
            return 1;
        }
        coatt_hash_index_put(&map->index, slot, hash, map->item_count);
    }
    map->items[map->item_count++] = item;
    return 0;
}

// ---- ORDER BY: a stable merge sort ----

/// A row with its ORDER BY values at hand, so that a comparison reads no row.
typedef struct {
    rasqal_literal **keys;
    rasqal_row *row;
} sort_entry;

/// SPARQL 1.1's order of terms, key by key; DESC reverses all of it, unbound values included.
static int compare_entries(const sort_map *map, const sort_entry *a, const sort_entry *b) {
    for (int key = 0; key < map->key_count; key++) {
        int result = coatt_compare_values_in_order(a->keys[key], b->keys[key]);
        if (result) return map->descending[key] ? -result : result;
    }
    return 0;
}

/// Sorts `entries` in place; `scratch` holds as many.
static void merge_sort(const sort_map *map, sort_entry *entries, sort_entry *scratch, size_t count) {
    sort_entry *from = entries, *to = scratch;
    for (size_t width = 1; width < count; width *= 2) {
        for (size_t start = 0; start < count; start += 2 * width) {
            size_t middle = start + width < count ? start + width : count;
            size_t end = start + 2 * width < count ? start + 2 * width : count;
            size_t left = start, right = middle, out = start;
            while (left < middle && right < end) // ties keep arrival order: left first
                to[out++] = compare_entries(map, &from[right], &from[left]) < 0 ? from[right++] : from[left++];
            while (left < middle) to[out++] = from[left++];
            while (right < end) to[out++] = from[right++];
        }
        sort_entry *swap = from; from = to; to = swap;
    }
    if (from != entries) memcpy(entries, from, count * sizeof *entries);
}

// ---- The functions rasqal calls ----

rasqal_map *rasqal_engine_new_rowsort_map(int is_distinct, int compare_flags, raptor_sequence *order_conditions) {
    if (!coatt_is_rasqal_0_9_33()) {
        rasqal_map *(*own)(int, int, raptor_sequence *) = coatt_rasqal_own_function("rasqal_engine_new_rowsort_map");
        return own ? own(is_distinct, compare_flags, order_conditions) : NULL;
    }
    return (rasqal_map *)new_sort_map(ROWS, is_distinct, order_conditions);
}

int rasqal_engine_rowsort_map_add_row(rasqal_map *map, rasqal_row *row) {
    sort_map *ours = our_map(map);
    if (ours) return add_item(ours, row);
    int (*own)(rasqal_map *, rasqal_row *) = coatt_rasqal_own_function("rasqal_engine_rowsort_map_add_row");
    return own ? own(map, row) : 1;
}

raptor_sequence *rasqal_engine_rowsort_map_to_sequence(rasqal_map *map, raptor_sequence *sequence) {
    sort_map *ours = our_map(map);
    if (!ours) {
        raptor_sequence *(*own)(rasqal_map *, raptor_sequence *) = coatt_rasqal_own_function("rasqal_engine_rowsort_map_to_sequence");
        return own ? own(map, sequence) : sequence;
    }
    size_t count = ours->item_count;
    sort_entry *entries = malloc((count ? count : 1) * 2 * sizeof *entries);
    if (!entries) return sequence;
    for (size_t index = 0; index < count; index++)
        entries[index] = (sort_entry){rasqal_row_fields(ours->items[index])->order_values, ours->items[index]};
    if (ours->key_count > 0) merge_sort(ours, entries, entries + count, count);
    for (size_t index = 0; index < count; index++)
        raptor_sequence_push(sequence, rasqal_new_row_from_row(entries[index].row));
    free(entries);
    return sequence;
}

rasqal_map *rasqal_new_literal_sequence_sort_map(int is_distinct, int compare_flags) {
    // rasqal makes these only for DISTINCT, and only asks whether a sequence was new.
    if (!coatt_is_rasqal_0_9_33() || !is_distinct) {
        rasqal_map *(*own)(int, int) = coatt_rasqal_own_function("rasqal_new_literal_sequence_sort_map");
        return own ? own(is_distinct, compare_flags) : NULL;
    }
    return (rasqal_map *)new_sort_map(LITERAL_SEQUENCES, is_distinct, NULL);
}

int rasqal_literal_sequence_sort_map_add_literal_sequence(rasqal_map *map, raptor_sequence *literals) {
    sort_map *ours = our_map(map);
    if (ours) return add_item(ours, literals);
    int (*own)(rasqal_map *, raptor_sequence *) = coatt_rasqal_own_function("rasqal_literal_sequence_sort_map_add_literal_sequence");
    return own ? own(map, literals) : 1;
}

void rasqal_free_map(rasqal_map *map) {
    sort_map *ours = our_map(map);
    if (ours) { free_sort_map(ours); return; }
    void (*own)(rasqal_map *) = coatt_rasqal_own_function("rasqal_free_map");
    if (own) own(map);
}

int rasqal_map_print(rasqal_map *map, FILE *handle) {
    sort_map *ours = our_map(map);
    if (ours) { fprintf(handle, "sort map of %zu items\n", ours->item_count); return 0; }
    int (*own)(rasqal_map *, FILE *) = coatt_rasqal_own_function("rasqal_map_print");
    return own ? own(map, handle) : 1;
}
