#!/usr/bin/env python3
"""Queries a running SPARQL endpoint the way real users do — SPARQLWrapper, rdflib's SPARQLStore and
SPARQLUpdateStore, curl — parses every answer with a parser independent of the server (terms.py,
rdflib) and compares it with `coatt query --format tsv` (or `--format ntriples` for CONSTRUCT) of the
same query on the same data.

Usage: real_clients.py --query-url URL [--update-url URL] --coatt BIN --store STORE
       (update token, if any, in $COATT_UPDATE_TOKEN)"""
import gzip
import urllib.parse

import rdflib
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from harness import Checks, arguments, curl, expect, reference, reference_graph
from terms import from_rdflib, parse_csv, parse_json, parse_tsv, parse_xml, Table

PREFIX = "PREFIX ex: <http://example.org/>\n"
SELECT_ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
SELECT_OPTIONAL = PREFIX + "SELECT ?person ?name ?email WHERE { ?person a ex:Person ; ex:name ?name OPTIONAL { ?person ex:email ?email } }"
ASK_TRUE = PREFIX + "ASK { ex:tricky ex:french \"couleur\"@fr }"
ASK_FALSE = PREFIX + "ASK { ex:tricky ex:french \"colour\"@fr }"
CONSTRUCT = PREFIX + "CONSTRUCT { ?s ex:called ?o } WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"

# Media type each format must come back as, and the independent parser of its body.
SELECT_FORMATS = {
    "json": ("application/sparql-results+json", lambda body: parse_json(body)),
    "xml": ("application/sparql-results+xml", lambda body: parse_xml(body)),
    "csv": ("text/csv", lambda body: parse_csv(body.decode("utf-8"))),
    "tsv": ("text/tab-separated-values", lambda body: parse_tsv(body.decode("utf-8"))),
}
GRAPH_FORMATS = {"turtle": "text/turtle", "nt": "application/n-triples", "xml": "application/rdf+xml"}


def same_table(answer, expected, csv_only=False):
    """None when the answers agree (CSV: on the values it keeps), else how they differ."""
    if csv_only:
        expected = expected.as_csv_values()
    difference = expected.difference(answer)
    return f"differs from coatt query: {difference}" if difference else None


def media_type(content_type):
    return content_type.split(";")[0].strip().lower()


def wrapper(args, query, return_format, method=None):
    client = SPARQLWrapper(args.query_url)
    client.setQuery(query)
    client.setReturnFormat(return_format)
    if method:
        client.setMethod(method)
    return client


def sparqlwrapper_select(args, query, name, method=None):
    """SPARQLWrapper asks for `name` (its own Accept header); the raw body is parsed independently."""
    constant = {"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV}[name]
    expected_type, parse = SELECT_FORMATS[name]
    result = wrapper(args, query, constant, method).query()
    content_type = result.info()["content-type"]
    body = result.response.read()
    if media_type(content_type) != expected_type:
        return f"content type {content_type!r}, wanted {expected_type}"
    return same_table(parse(body), reference(args, query), csv_only=name == "csv")


def sparqlwrapper_converted_json(args):
    """SPARQLWrapper's own decoding (`convert()`) of the JSON answer."""
    converted = wrapper(args, SELECT_OPTIONAL, JSON).query().convert()
    return same_table(parse_json(converted), reference(args, SELECT_OPTIONAL))


def sparqlwrapper_ask(args, query, name):
    constant = {"json": JSON, "xml": XML}[name]
    result = wrapper(args, query, constant).query()
    body = result.response.read()
    answer = parse_json(body) if name == "json" else parse_xml(body)
    expected = reference(args, query)
    return expect(answer is expected, f"ASK answered {answer}, coatt query says {expected}")


def sparqlwrapper_construct(args, name):
    """CONSTRUCT through SPARQLWrapper, parsed by rdflib. N-Triples has no SPARQLWrapper constant: the
    Accept header is set by hand and only it is sent (no `format=turtle` parameter beside it)."""
    client = wrapper(args, CONSTRUCT, {"turtle": TURTLE, "xml": RDFXML, "nt": TURTLE}[name])
    if name == "nt":
        client.setOnlyConneg(True)
        client.addCustomHttpHeader("Accept", GRAPH_FORMATS["nt"])
    result = client.query()
    content_type = result.info()["content-type"]
    if media_type(content_type) != GRAPH_FORMATS[name]:
        return f"content type {content_type!r}, wanted {GRAPH_FORMATS[name]}"
    graph = rdflib.Graph().parse(data=result.response.read(), format=name)
    expected = reference_graph(args, CONSTRUCT)
    return expect(isomorphic(graph, expected),
                  f"{len(graph)} triples, not isomorphic to coatt query's {len(expected)}")


def sparqlstore_select(args):
    """rdflib's SPARQLStore: rdflib sends the query and parses the results itself."""
    graph = rdflib.Graph(store=SPARQLStore(args.query_url))
    result = graph.query(SELECT_OPTIONAL)
    variables = [str(v) for v in result.vars]
    answer = Table(variables, ([from_rdflib(row[v]) for v in variables] for row in result))
    return same_table(answer, reference(args, SELECT_OPTIONAL))


def sparqlstore_ask(args):
    graph = rdflib.Graph(store=SPARQLStore(args.query_url))
    results = [(query, graph.query(query).askAnswer, reference(args, query)) for query in (ASK_TRUE, ASK_FALSE)]
    wrong = [f"{q!r} gave {a}, coatt {e}" for q, a, e in results if a is not e]
    return expect(not wrong, "; ".join(wrong))


def sparqlupdatestore_round_trip(args):
    """INSERT DATA with the token through rdflib's SPARQLUpdateStore, read back, DELETE DATA, gone again."""
    store = SPARQLUpdateStore(args.query_url, args.update_url,
                              headers={"Authorization": f"Bearer {args.token}"})
    triple = "GRAPH <http://example.org/client-test> { <http://example.org/new> <http://example.org/p> \"added by rdflib\"@en }"
    ask = f"ASK {{ {triple} }}"
    graph = rdflib.Graph(store=store)
    before = graph.query(ask).askAnswer
    store.update(f"INSERT DATA {{ {triple} }}")
    inserted = graph.query(ask).askAnswer
    store.update(f"DELETE DATA {{ {triple} }}")
    after = graph.query(ask).askAnswer
    return expect((before, inserted, after) == (False, True, False),
                  f"visible before/after insert/after delete: {before}/{inserted}/{after}")


def curl_select(args, name, how):
    """curl with an Accept header, by GET, direct POST or form POST; body parsed independently."""
    expected_type, parse = SELECT_FORMATS[name]
    accept = ["-H", f"Accept: {expected_type}"]
    if how == "get":
        status, content_type, body, _ = curl(f"{args.query_url}?query={urllib.parse.quote(SELECT_ALL)}", *accept)
    elif how == "post-direct":
        status, content_type, body, _ = curl(args.query_url, *accept, "-H", "Content-Type: application/sparql-query",
                                          data=SELECT_ALL.encode())
    else:
        status, content_type, body, _ = curl(args.query_url, *accept, "-H", "Content-Type: application/x-www-form-urlencoded",
                                          data=urllib.parse.urlencode({"query": SELECT_ALL}).encode())
    if status != 200 or media_type(content_type) != expected_type:
        return f"HTTP {status} {content_type!r}: {body[:200]!r}"
    return same_table(parse(body), reference(args, SELECT_ALL), csv_only=name == "csv")


def curl_format_parameter(args):
    """The `format` parameter instead of an Accept header."""
    status, content_type, body, _ = curl(f"{args.query_url}?query={urllib.parse.quote(SELECT_ALL)}&format=tsv")
    if status != 200 or media_type(content_type) != "text/tab-separated-values":
        return f"HTTP {status} {content_type!r}: {body[:200]!r}"
    return same_table(parse_tsv(body.decode("utf-8")), reference(args, SELECT_ALL))


def curl_gzip(args):
    """Accept-Encoding: gzip: the body (JSON of every triple, over 1 KiB) comes gzip-compressed, and
    decompressed it is the same answer; an ASK's few bytes come as they are."""
    status, content_type, body, headers = curl(f"{args.query_url}?query={urllib.parse.quote(SELECT_ALL)}",
                                               "-H", "Accept: application/sparql-results+json", "-H", "Accept-Encoding: gzip")
    if status != 200:
        return f"HTTP {status} {content_type!r}: {body[:200]!r}"
    lowered = headers.lower()
    if "content-encoding: gzip" not in lowered or "vary: accept, accept-encoding" not in lowered:
        return f"not sent as gzip: {headers!r}"
    small = curl(f"{args.query_url}?query={urllib.parse.quote(ASK_TRUE)}", "-H", "Accept-Encoding: gzip")
    if "content-encoding" in small.headers.lower():
        return f"a body under 1 KiB was compressed: {small.headers!r}"
    return same_table(parse_json(gzip.decompress(body)), reference(args, SELECT_ALL))


def curl_construct(args, name):
    status, content_type, body, _ = curl(f"{args.query_url}?query={urllib.parse.quote(CONSTRUCT)}",
                                      "-H", f"Accept: {GRAPH_FORMATS[name]}")
    if status != 200 or media_type(content_type) != GRAPH_FORMATS[name]:
        return f"HTTP {status} {content_type!r}: {body[:200]!r}"
    graph = rdflib.Graph().parse(data=body, format=name)
    return expect(isomorphic(graph, reference_graph(args, CONSTRUCT)), "not isomorphic to coatt query's answer")


def main():
    args = arguments(__doc__)
    checks = Checks()
    for name in SELECT_FORMATS:
        checks.run(f"sparqlwrapper-select-{name}", sparqlwrapper_select, args, SELECT_ALL, name)
        checks.run(f"sparqlwrapper-select-optional-{name}-post", sparqlwrapper_select, args, SELECT_OPTIONAL, name, POST)
    checks.run("sparqlwrapper-convert-json", sparqlwrapper_converted_json, args)
    for name in ("json", "xml"):
        checks.run(f"sparqlwrapper-ask-true-{name}", sparqlwrapper_ask, args, ASK_TRUE, name)
        checks.run(f"sparqlwrapper-ask-false-{name}", sparqlwrapper_ask, args, ASK_FALSE, name)
    for name in GRAPH_FORMATS:
        checks.run(f"sparqlwrapper-construct-{name}", sparqlwrapper_construct, args, name)
        checks.run(f"curl-construct-{name}", curl_construct, args, name)
    checks.run("rdflib-sparqlstore-select", sparqlstore_select, args)
    checks.run("rdflib-sparqlstore-ask", sparqlstore_ask, args)
    checks.run("rdflib-sparqlupdatestore-round-trip", sparqlupdatestore_round_trip, args)
    for name in SELECT_FORMATS:
        for how in ("get", "post-direct", "post-form"):
            checks.run(f"curl-select-{name}-{how}", curl_select, args, name, how)
    checks.run("curl-format-parameter", curl_format_parameter, args)
    checks.run("curl-gzip", curl_gzip, args)
    checks.finish()


if __name__ == "__main__":
    main()
