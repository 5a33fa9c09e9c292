#!/usr/bin/env python3
"""Runs SPARQL queries on coatt and on Oxigraph (pyoxigraph) over the same small dataset
(data.trig) and prints each query whose answers differ: rows compared as multisets (in order only
under ORDER BY without LIMIT), blank nodes as one, numbers by value within their datatype (so
"3.0"^^xsd:decimal and "3"^^xsd:decimal agree; decimals to 15 places, where the engines' divisions
differ), language tags without case. Oxigraph reads the
default graph as the union of all graphs, as coatt does. A difference is a place to look, not a
verdict: the README's "Decided where SPARQL 1.1 and Oxigraph differ" lists the known ones.

Usage (from the package root, after `make release`, in the project's venv with pyoxigraph):
    .venv/bin/python scripts/oxigraph_differential/compare.py scripts/oxigraph_differential/queries-*.txt
    python3 scripts/oxigraph_differential/random_expressions.py 1 500 > /tmp/random.txt
    .venv/bin/python scripts/oxigraph_differential/compare.py /tmp/random.txt
Each line of a query file is one query (lines starting with # are skipped); the prefixes `:`
(http://ex/) and `xsd:` are declared. Options: --coatt PATH (default .build/release/coatt), --data
FILE (TriG or N-Quads, default data.trig; random_joins.py writes a larger one).
"""
import argparse
import collections
import json
import pathlib
import re
import struct
import subprocess
import tempfile
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

HERE = pathlib.Path(__file__).resolve().parent
PREFIXES = "PREFIX : <http://ex/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
XSD = "http://www.w3.org/2001/XMLSchema#"


def literal(value, language, datatype):
    """One literal as text for comparison; numbers by value."""
    if language:
        return '"%s"@%s' % (value, language.lower())
    if datatype in (XSD + "double", XSD + "float"):
        try:
            number = float(value.replace("INF", "inf"))
            if datatype == XSD + "float":
                number = struct.unpack("f", struct.pack("f", number))[0]
            return '"%r"^^<%s>' % (number, datatype)
        except ValueError:
            pass
    if datatype in (XSD + "decimal", XSD + "integer", XSD + "int"):
        try:
            number = Decimal(value)
            if datatype == XSD + "decimal":  # the engines divide to 17 and 18 digits
                return '"%s"^^<%sdecimal>' % (round(number, 15).normalize(), XSD)
            return '"%s"^^<%sinteger>' % (number.normalize(), XSD)
        except InvalidOperation:
            pass
    if datatype and datatype != XSD + "string":
        return '"%s"^^<%s>' % (value, datatype)
    return '"%s"' % value


def coatt_term(term):
    if term is None:
        return None
    if term["type"] == "uri":
        return "<%s>" % term["value"]
    if term["type"] == "bnode":
        return "_:b"
    return literal(term["value"], term.get("xml:lang"), term.get("datatype"))


def oxigraph_term(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return "<%s>" % term.value
    if isinstance(term, ox.BlankNode):
        return "_:b"
    return literal(term.value, term.language, term.datatype.value)


def run_coatt(coatt, store, query):
    graph = query.upper().startswith(("CONSTRUCT", "DESCRIBE"))
    command = [coatt, "query", "--store", store, "--format", "ntriples" if graph else "json", PREFIXES + query]
    process = subprocess.run(command, capture_output=True, text=True)
    if process.returncode != 0:
        return ("error", process.stderr.strip()[:200])
    if graph:
        return ("graph", sorted(re.sub(r"_:\S+", "_:b", line.strip()) for line in process.stdout.splitlines() if line.strip()))
    answer = json.loads(process.stdout)
    if "boolean" in answer:
        return ("boolean", answer["boolean"])
    variables = answer["head"]["vars"]
    return ("rows", variables, [tuple(coatt_term(row.get(v)) for v in variables) for row in answer["results"]["bindings"]])


def run_oxigraph(store, query):
    try:
        result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    except Exception as error:  # a query Oxigraph refuses or fails
        return ("error", str(error)[:200])
    if isinstance(result, (bool, ox.QueryBoolean)):
        return ("boolean", bool(result))
    if isinstance(result, ox.QueryTriples):
        return ("graph", sorted(re.sub(r"_:\S+", "_:b", str(triple).strip()) + " ." for triple in result))
    variables = [v.value for v in result.variables]
    return ("rows", variables, [tuple(oxigraph_term(row[v]) for v in variables) for row in result])


def difference(query, a, b):
    """How coatt's answer `a` differs from Oxigraph's `b`; None when they agree."""
    if a[0] != b[0]:
        return "KIND %s vs %s: %s | %s" % (a[0], b[0], a[1:], b[1:])
    if a[0] == "error" or a[1:] == b[1:]:
        return None
    if a[0] in ("boolean", "graph"):
        return "%s\n  coatt %s\n  ox    %s" % (a[0].upper(), a[1], b[1])
    if a[1] != b[1]:
        return "VARS %s vs %s" % (a[1], b[1])
    if "ORDER BY" in query.upper() and "LIMIT" not in query.upper():
        return "ORDER\n  coatt %s\n  ox    %s" % (a[2], b[2])
    only_a, only_b = collections.Counter(a[2]) - collections.Counter(b[2]), collections.Counter(b[2]) - collections.Counter(a[2])
    if not only_a and not only_b:
        return None
    return "ROWS coatt-only %s\n  ox-only %s" % (list(only_a.elements())[:6], list(only_b.elements())[:6])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--coatt", default=".build/release/coatt")
    parser.add_argument("--data", default=str(HERE / "data.trig"), help="TriG or N-Quads file (default: data.trig)")
    arguments = parser.parse_args()
    queries = [line.strip() for name in arguments.files for line in open(name, encoding="utf-8")
               if line.strip() and not line.startswith("#")]
    oxigraph = ox.Store()
    oxigraph.load(path=arguments.data, format=ox.RdfFormat.N_QUADS if arguments.data.endswith(".nq") else ox.RdfFormat.TRIG)
    with tempfile.TemporaryDirectory() as folder:
        store = str(pathlib.Path(folder) / "store")
        subprocess.run([arguments.coatt, "load", "--store", store, arguments.data], check=True, capture_output=True)
        differing = 0
        for query in queries:
            found = difference(query, run_coatt(arguments.coatt, store, query), run_oxigraph(oxigraph, query))
            if found:
                differing += 1
                print("DIFF:", query, "\n ", found)
    print("%d of %d differ" % (differing, len(queries)))


if __name__ == "__main__":
    main()
