// GROUP BY keys compared as RDF terms, in place of rasqal 0.9.33's comparison of values.
//
// rasqal found a solution's group in a tree ordered by rasqal_literal_sequence_compare, which
// compares keys as values by RDQL's rules and takes a failed comparison for equality: strings
// and numbers in one key column merged groups ("a" "b" 1 2 gave "a" three times), an IRI and a
// string of the same text were one group, and it stopped at the first key unbound in both
// solutions. Its callers are GROUP BY (rasqal_groupby_rowsource.c, which tells keys of one hash
// apart with it) and rasqal's DISTINCT map of aggregates, which rasqal_sort_maps.c replaces, so
// this definition, linked into the executable, orders group keys by term: unbound, blank nodes,
// IRIs, literals; then by text, datatype and language tag (without case), with xsd:string the
// same as no datatype (RDF 1.1). Each group is then one tuple of terms, as SPARQL 1.1 groups.

#include <string.h>
#include <strings.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_group_keys.h"
#include "rasqal_library.h"

static const char xsd_string[] = "http://www.w3.org/2001/XMLSchema#string";

/// A term's place among kinds: unbound, blank node, IRI, literal; values rasqal cannot take
/// for an RDF term (none reach a group key) last.
static int kind_rank(rasqal_literal *value) {
    if (!value) return 0;
    switch (rasqal_literal_get_rdf_term_type(value)) {
    case RASQAL_LITERAL_BLANK: return 1;
    case RASQAL_LITERAL_URI: return 2;
    case RASQAL_LITERAL_STRING: return 3;
    default: return 4;
    }
}

int coatt_compare_bytes(const unsigned char *a, size_t a_length, const unsigned char *b, size_t b_length) {
    int result = memcmp(a, b, a_length < b_length ? a_length : b_length);
    if (result) return result;
    return (a_length > b_length) - (a_length < b_length);
}

int coatt_compare_uri_text(raptor_uri *a, raptor_uri *b) {
    size_t a_length = 0, b_length = 0;
    const unsigned char *a_text = raptor_uri_as_counted_string(a, &a_length);
    const unsigned char *b_text = raptor_uri_as_counted_string(b, &b_length);
    return coatt_compare_bytes(a_text, a_length, b_text, b_length);
}

/// A literal's datatype, with xsd:string (the datatype of every simple literal) as none.
static raptor_uri *datatype(rasqal_literal *value) {
    if (!value->datatype) return NULL;
    size_t length = 0;
    const unsigned char *text = raptor_uri_as_counted_string(value->datatype, &length);
    return length == sizeof xsd_string - 1 && !memcmp(text, xsd_string, length) ? NULL : value->datatype;
}

int coatt_compare_group_key_terms(rasqal_literal *a, rasqal_literal *b, int compare_flags) {
    int a_rank = kind_rank(a), b_rank = kind_rank(b);
    if (a_rank != b_rank) return a_rank - b_rank;
    switch (a_rank) {
    case 0: return 0;
    case 1: return strcmp((const char *)a->string, (const char *)b->string);
    case 2: return coatt_compare_uri_text(a->value.uri, b->value.uri);
    case 3: {
        int result = coatt_compare_bytes(a->string, a->string_len, b->string, b->string_len);
        if (result) return result;
        raptor_uri *a_type = datatype(a), *b_type = datatype(b);
        if (!a_type || !b_type) result = (a_type != NULL) - (b_type != NULL);
        else result = coatt_compare_uri_text(a_type, b_type);
        if (result) return result;
        if (!a->language || !b->language) return (a->language != NULL) - (b->language != NULL);
        return strcasecmp(a->language, b->language);
    }
    default: {
        int error = 0;
        return rasqal_literal_compare(a, b, compare_flags, &error);
    }
    }
}

int rasqal_literal_sequence_compare(int compare_flags, raptor_sequence *values_a, raptor_sequence *values_b) {
    if (!coatt_is_rasqal_0_9_33()) {
        int (*own)(int, raptor_sequence *, raptor_sequence *) = coatt_rasqal_own_function("rasqal_literal_sequence_compare");
        return own ? own(compare_flags, values_a, values_b) : 0;
    }
    int size_a = values_a ? raptor_sequence_size(values_a) : 0;
    int size_b = values_b ? raptor_sequence_size(values_b) : 0;
    if (!size_a || !size_b) return (size_a > 0) - (size_b > 0); // empty first, as rasqal's
    int size = size_a > size_b ? size_a : size_b;
    for (int index = 0; index < size; index++) {
        int result = coatt_compare_group_key_terms(raptor_sequence_get_at(values_a, index), raptor_sequence_get_at(values_b, index),
                                   compare_flags);
        if (result) return result;
    }
    return 0;
}
