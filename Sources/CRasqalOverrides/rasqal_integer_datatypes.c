// xsd:positiveInteger and xsd:unsignedByte read as the integers they are, in place of rasqal
// 0.9.33's rasqal_xsd_datatype_uri_to_type, whose table spells the first "postiveInteger" and
// whose loop stops one short of the second: their values were strings of an unknown datatype, so
// "1"^^xsd:unsignedByte + "1"^^xsd:short was an error and `= 1` never held.

#include <stdatomic.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_library.h"

typedef rasqal_literal_type (*to_type_function)(rasqal_world *, raptor_uri *);

rasqal_literal_type rasqal_xsd_datatype_uri_to_type(rasqal_world *world, raptor_uri *uri) {
    static _Atomic(void *) library_to_type;
    to_type_function own = (to_type_function)coatt_rasqal_cached_own_function(&library_to_type, "rasqal_xsd_datatype_uri_to_type");
    if (!own) return RASQAL_LITERAL_UNKNOWN;
    rasqal_literal_type type = own(world, uri);
    if (type != RASQAL_LITERAL_UNKNOWN || !uri || !coatt_is_rasqal_0_9_33()) return type;
    const char *iri = (const char *)raptor_uri_as_string(uri);
    if (!strcmp(iri, "http://www.w3.org/2001/XMLSchema#positiveInteger") || !strcmp(iri, "http://www.w3.org/2001/XMLSchema#unsignedByte"))
        return RASQAL_LITERAL_INTEGER_SUBTYPE;
    return type;
}
