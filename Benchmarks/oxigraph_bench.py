#!/usr/bin/env python3
"""The peer side of Benchmarks/store.sh: the same data and queries in Oxigraph (pyoxigraph,
in process, on-disk store), timed the way `coatt bench query` times CoAttKG: store opened once,
one warm-up run, then the median and p90 of N runs with every result consumed.

Usage: oxigraph_bench.py --location DIR --load FILE.nt|FILE.nq [--repeat N] [--budget S]
                         [--endpoint IRI=URL] QUERY.rq...
--endpoint writes URL for IRI in the queries (Oxigraph cannot map a SERVICE IRI to another URL).
Prints `load <triples> <seconds>` then one TSV line per query: name, rows, median_ms, p90_ms, runs."""
import argparse, os, shutil, statistics, sys, time
import pyoxigraph

parser = argparse.ArgumentParser()
parser.add_argument("--location", required=True)
parser.add_argument("--load")
parser.add_argument("--repeat", type=int, default=10)
parser.add_argument("--budget", type=float, default=30.0)
parser.add_argument("--endpoint", action="append", default=[])
parser.add_argument("queries", nargs="*")
args = parser.parse_args()

if args.load:
    shutil.rmtree(args.location, ignore_errors=True)
store = pyoxigraph.Store(args.location)
if args.load:
    fmt = pyoxigraph.RdfFormat.N_QUADS if args.load.endswith(".nq") else pyoxigraph.RdfFormat.N_TRIPLES
    started = time.perf_counter()
    store.bulk_load(path=args.load, format=fmt)
    store.optimize()
    print(f"load\t{len(store)}\t{time.perf_counter() - started:.3f}", flush=True)

def consume(result):
    if isinstance(result, (bool, pyoxigraph.QueryBoolean)):
        return 1
    return sum(1 for _ in result)

print("query\trows\tmedian_ms\tp90_ms\truns")
for path in args.queries:
    text = open(path, encoding="utf-8").read()
    for mapping in args.endpoint:
        iri, url = mapping.split("=", 1)
        text = text.replace(iri, url)
    times, spent, rows = [], 0.0, 0
    for run in range(args.repeat + 1):
        started = time.perf_counter()
        # Like CoAttKG's union default graph: queries without FROM see every graph.
        rows = consume(store.query(text, use_default_graph_as_union=True))
        ms = (time.perf_counter() - started) * 1000
        if run > 0:
            times.append(ms)
        spent += ms / 1000
        if spent > args.budget and run > 0:
            break
    times.sort()
    print(f"{os.path.basename(path)}\t{rows}\t{statistics.median(times):.3f}\t{times[min(len(times) - 1, len(times) * 9 // 10)]:.3f}\t{len(times)}", flush=True)
