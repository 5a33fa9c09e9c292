#ifndef COATT_CRASQALOVERRIDES_H
#define COATT_CRASQALOVERRIDES_H

/// How many sort maps (for DISTINCT, ORDER BY and aggregates over DISTINCT values) this module
/// has made in this process: none until rasqal has needed one, and none at all when the loaded
/// librasqal is not 0.9.33 (its own maps are used then). Tests read it to see that the
/// replacement is linked in.
long coatt_rasqal_sort_maps_made(void);

/// How many rowsources (the parts of a running query) rasqal has made in this process and not
/// yet freed; 0 with a librasqal other than 0.9.33. Tests read it to see that a query leaves
/// none behind.
long coatt_rasqal_rowsources_alive(void);

/// Writes a SPARQL (XPath) regular expression with its flags as the POSIX extended expression
/// glibc reads: returns it (from malloc) and sets `*ignore_case`, or returns NULL and sets
/// `*error` to why (from malloc). `for_replace` is non-zero for REPLACE's pattern.
typedef char *(*coatt_regex_translator)(const char *pattern, const char *flags, int for_replace, int *ignore_case,
                                        char **error);

/// Makes REGEX and REPLACE read their patterns through `translator`, constant or computed
/// (without one, a pattern is handed to glibc as written, with only the flag `i` read).
void coatt_rasqal_set_regex_translator(coatt_regex_translator translator);

/// Makes `GRAPH ?v { … }` blocks whose ?v is one of `variables` (`rasqal_variable *`, `count` of
/// them) read their pattern once over all named graphs, binding ?v from the quads they match,
/// instead of once per named graph; for queries this thread executes until it is called again
/// (NULL: none). The pattern's triple patterns must bind ?v from the graph of each quad, as the
/// store's triples source does; rasqal's own GRAPH for any other variable.
void coatt_rasqal_read_graphs_in_one_pass(const void *const *variables, int count);

/// Whether `coatt_rasqal_read_graphs_in_one_pass` is honoured: only with librasqal 0.9.33, whose
/// rowsources this module mirrors; with any other, every GRAPH ?v is rasqal's own.
int coatt_rasqal_can_read_graphs_in_one_pass(void);

/// The variables a sub-SELECT graph pattern (`rasqal_graph_pattern *`) projects, as rasqal's
/// `raptor_sequence *` of `rasqal_variable *`; NULL for any other pattern, or with a librasqal
/// other than 0.9.33 (rasqal has no accessor for it).
void *coatt_rasqal_subquery_variables(void *pattern);

/// Whether a sub-SELECT graph pattern (`rasqal_graph_pattern *`) was written `SELECT *`; 0 for
/// any other pattern, or with a librasqal other than 0.9.33.
int coatt_rasqal_subquery_is_wildcard(void *pattern);

/// Whether a sub-SELECT graph pattern (`rasqal_graph_pattern *`) is `SELECT DISTINCT …` with no
/// GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET or trailing VALUES; 0 for any other pattern, or with
/// a librasqal other than 0.9.33.
int coatt_rasqal_subquery_is_plain_distinct(void *pattern);

/// The variables of a VALUES graph pattern (`rasqal_graph_pattern *`), or of a sub-SELECT's
/// trailing VALUES, as rasqal's `raptor_sequence *` of `rasqal_variable *`; NULL when it has none,
/// for any other pattern, or with a librasqal other than 0.9.33.
void *coatt_rasqal_values_variables(void *pattern);

/// While a join runs its right side (on this thread), the value its current left row gives
/// `variable` (`rasqal_variable *`, looked up by name): a new `rasqal_literal *` reference for the
/// caller to free; NULL when the row leaves it unbound, outside a join's right side, or with a
/// librasqal other than 0.9.33.
void *coatt_rasqal_join_left_value(const void *variable);

/// Makes the triple at `column` of `query`'s triple sequence (`rasqal_query *`) not bind
/// `variable` (`rasqal_variable *`) although rasqal's map says it does, until the query is freed:
/// the triple then reads the variable's value. Returns 0 when the table of such notes is full.
int coatt_rasqal_unbind_in_triple(void *query, void *variable, int column);

#endif
