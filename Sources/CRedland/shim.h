#include <redland.h>
#include <rdf_storage_module.h>
#include <raptor2.h>
#include <rasqal.h>

/* Exported by librasqal 0.9.33 though left out of rasqal.h: after the triples of a prepared
 * query's basic pattern are reordered (RasqalPatternOrder), the map of which triple binds which
 * variable is rebuilt with them, as rasqal_query_prepare builds it. */
typedef struct rasqal_projection_s rasqal_projection;
rasqal_projection* rasqal_query_get_projection(rasqal_query* query);
int rasqal_query_build_variables_use(rasqal_query* query, rasqal_projection* projection);
