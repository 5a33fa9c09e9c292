#ifndef COATT_CRASQALOVERRIDES_H
#define COATT_CRASQALOVERRIDES_H

/// How many sort maps (for DISTINCT, ORDER BY and aggregates over DISTINCT values) this module
/// has made in this process: none until rasqal has needed one, and none at all when the loaded
/// librasqal is not 0.9.33 (its own maps are used then). Tests read it to see that the
/// replacement is linked in.
long coatt_rasqal_sort_maps_made(void);

#endif
