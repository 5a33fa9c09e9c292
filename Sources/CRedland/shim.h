#include <redland.h>
#include <rdf_storage_module.h>
#include <raptor2.h>
#include <rasqal.h>
