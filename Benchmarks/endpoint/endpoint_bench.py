#!/usr/bin/env python3
"""SPARQL endpoint benchmark: `coatt serve` against Oxigraph's server on the same 1M-triple data
(../shared/bench: CoDEx-M ×5, 1,036,105 triples) in the same run, on loopback.

For each server, alone on the machine in turn: the point lookup of ../shared/bench (q1, 21 rows) as a
GET with JSON results, driven by wrk at concurrency 1, 8 and 64 for --duration seconds each, first
quiet, then while one runaway query (a two-pattern cartesian product, 10¹² solutions) is sent every
second and stopped by the server's time limit (--runaway-timeout). Reports requests/s, p50 and p99
latency, errors (socket errors and non-2xx answers: the point lookups must have none), what the
runaways got back, the p99 with runaways over the quiet p99 (the issue asks for at most 2×), and the
coatt/Oxigraph ratios. Stores are built once under --work and reused.

Usage: Benchmarks/endpoint/endpoint_bench.py [--quick] [--duration S] [--coatt BIN] [--servers coatt,oxigraph]
       (from the package root, after `swift build -c release --product coatt`; needs wrk and the
       `oxigraph` command from PyPI in .venv)"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
POINT_ROWS = 21


def options():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--coatt", default=os.path.join(ROOT, ".build/release/coatt"))
    parser.add_argument("--oxigraph", default=os.path.join(ROOT, ".venv/bin/oxigraph"))
    parser.add_argument("--bench", default=os.environ.get("COATT_BENCH", os.path.join(ROOT, "../shared/bench")))
    parser.add_argument("--data-dir", default=os.environ.get("COATT_DATA", os.path.join(ROOT, "../shared/data")))
    parser.add_argument("--work", default=os.path.join(ROOT, "out/endpoint-bench"), help="stores and results")
    parser.add_argument("--duration", type=int, default=30, help="seconds per measurement")
    parser.add_argument("--quick", action="store_true", help="5 s per measurement")
    parser.add_argument("--concurrency", default="1,8,64")
    parser.add_argument("--runaway-timeout", type=int, default=1, help="the servers' per-query time limit, seconds")
    parser.add_argument("--workers", type=int, help="coatt reader workers (default: coatt's own)")
    parser.add_argument("--servers", default="coatt,oxigraph")
    args = parser.parse_args()
    if args.quick:
        args.duration = 5
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    args.servers = args.servers.split(",")
    return args


def run(command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout}{done.stderr}")
    return done.stdout


def prepare_data(args):
    """kg1m.nt (generated once by the shared generator), a coatt store and an Oxigraph store of it."""
    os.makedirs(args.work, exist_ok=True)
    data = os.path.join(args.work, "kg1m.nt")
    if not os.path.exists(data):
        print("generating kg1m.nt", file=sys.stderr)
        run([sys.executable, os.path.join(args.bench, "gen_kg.py"), "--triples-dir", os.path.join(args.data_dir, "kg/codex-m"),
             "--meta-dir", os.path.join(args.data_dir, "kg/codex-meta"), "--target-triples", "1000000", "--out", data])
    stores = {"coatt": os.path.join(args.work, "kg1m.store"), "oxigraph": os.path.join(args.work, "kg1m.oxigraph")}
    if "coatt" in args.servers and not os.path.exists(os.path.join(stores["coatt"], "complete")):
        print("loading kg1m.nt into a coatt store", file=sys.stderr)
        run(["rm", "-rf", stores["coatt"]])
        run([args.coatt, "load", "--store", stores["coatt"], data])
        open(os.path.join(stores["coatt"], "complete"), "w").close()
    if "oxigraph" in args.servers and not os.path.exists(os.path.join(stores["oxigraph"], "complete")):
        print("loading kg1m.nt into an Oxigraph store", file=sys.stderr)
        run(["rm", "-rf", stores["oxigraph"]])
        run([args.oxigraph, "load", "--location", stores["oxigraph"], "--file", data])
        run([args.oxigraph, "optimize", "--location", stores["oxigraph"]])
        open(os.path.join(stores["oxigraph"], "complete"), "w").close()
    return stores


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One endpoint process: its query URL, started and stopped here."""

    def __init__(self, name, command, query_path, port, log):
        self.name = name
        self.base = f"http://127.0.0.1:{port}"
        self.query_path = query_path
        self.log = open(log, "w")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)

    def url(self, query):
        return f"{self.base}{self.query_path}?query={urllib.parse.quote(query)}"

    def get(self, query, timeout):
        """(status, body) of a GET with JSON results; status 0 when no answer came."""
        request = urllib.request.Request(self.url(query), headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (OSError, urllib.error.URLError) as error:
            return 0, str(error).encode()

    def wait_ready(self, point_query):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} exited with {self.process.returncode}; see {self.log.name}")
            status, body = self.get(point_query, timeout=10)
            if status == 200:
                rows = len(json.loads(body)["results"]["bindings"])
                if rows != POINT_ROWS:
                    sys.exit(f"{self.name} answered the point lookup with {rows} rows, not {POINT_ROWS}")
                return
            time.sleep(0.2)
        sys.exit(f"{self.name} did not answer within 120 s; see {self.log.name}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def start(name, args, stores):
    port, log = free_port(), os.path.join(args.work, f"{name}.log")
    if name == "coatt":
        command = [args.coatt, "serve", "--store", stores["coatt"], "--host", "127.0.0.1", "--port", str(port),
                   "--timeout", str(args.runaway_timeout)]
        if args.workers:
            command += ["--workers", str(args.workers)]
        return Server(name, command, "/sparql", port, log)
    command = [args.oxigraph, "serve", "--location", stores["oxigraph"], "--bind", f"127.0.0.1:{port}",
               "--timeout-s", str(args.runaway_timeout)]
    return Server(name, command, "/query", port, log)


class RunawaySender:
    """Sends one runaway query per second (each on its own connection) until stopped; keeps what came back."""

    def __init__(self, server, limit):
        self.server, self.limit = server, limit
        self.outcomes, self.threads = [], []
        self.stopping = threading.Event()
        self.ticker = threading.Thread(target=self._tick, daemon=True)
        self.ticker.start()

    def _tick(self):
        while not self.stopping.is_set():
            thread = threading.Thread(target=self._one, daemon=True)
            thread.start()
            self.threads.append(thread)
            self.stopping.wait(1.0)

    def _one(self):
        started = time.monotonic()
        status, body = self.server.get(RUNAWAY, timeout=self.limit + 30)
        cancelled = status == 200 and b"cancel" in body.lower()  # Oxigraph: 200 and an error in the body
        self.outcomes.append(("200 cancelled" if cancelled else str(status), time.monotonic() - started))

    def stop(self):
        self.stopping.set()
        self.ticker.join()
        for thread in self.threads:
            thread.join(self.limit + 35)
        counts = {}
        for outcome, _ in self.outcomes:
            counts[outcome] = counts.get(outcome, 0) + 1
        longest = max((seconds for _, seconds in self.outcomes), default=0)
        return {"sent": len(self.outcomes), "answers": counts, "longest_s": round(longest, 2)}


def wrk(server, point_query, concurrency, seconds):
    env = dict(os.environ, BENCH_PATH=server.url(point_query)[len(server.base):])
    output = run(["wrk", f"-t{min(concurrency, 2)}", f"-c{concurrency}", f"-d{seconds}s", "--timeout", "10s",
                  "-s", os.path.join(HERE, "point_lookup.lua"), server.base], env=env)
    result = json.loads(re.search(r"^RESULT (.*)$", output, re.M).group(1))
    result["rps"] = result["requests"] / result["seconds"]
    result["load1"] = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    return result


def measure(name, args, stores, point_query):
    server = start(name, args, stores)
    try:
        server.wait_ready(point_query)
        wrk(server, point_query, 8, max(2, args.duration // 10))  # warm-up: caches, worker start-up
        results = {}
        for phase in ("quiet", "runaways"):
            for concurrency in args.concurrency:
                print(f"{name}: {phase}, concurrency {concurrency}, {args.duration} s", file=sys.stderr)
                sender = RunawaySender(server, args.runaway_timeout) if phase == "runaways" else None
                result = wrk(server, point_query, concurrency, args.duration)
                if sender:
                    result["runaway"] = sender.stop()
                results[(phase, concurrency)] = result
        return results
    finally:
        server.stop()


def table(args, measured):
    names = [n for n in args.servers if n in measured]
    lines = ["| phase | clients | " + " | ".join(f"{n} req/s | {n} p50 ms | {n} p99 ms | {n} errors" for n in names)
             + (f" | req/s {names[0]}÷{names[1]} | p99 {names[0]}÷{names[1]}" if len(names) == 2 else "") + " |"]
    lines.append("|" + "---|" * (2 + 4 * len(names) + (2 if len(names) == 2 else 0)))
    for phase in ("quiet", "runaways"):
        for concurrency in args.concurrency:
            row = [phase, str(concurrency)]
            for name in names:
                r = measured[name][(phase, concurrency)]
                row += [f"{r['rps']:,.0f}", f"{r['p50_ms']:.2f}", f"{r['p99_ms']:.2f}", str(r["errors"] + r["non2xx"])]
            if len(names) == 2:
                a, b = (measured[n][(phase, concurrency)] for n in names)
                row += [f"{a['rps'] / b['rps']:.2f}×", f"{a['p99_ms'] / b['p99_ms']:.2f}×"]
            lines.append("| " + " | ".join(row) + " |")
    lines += ["", "| server | clients | p99 with runaways ÷ quiet p99 | runaways sent | their answers | longest runaway s | load average quiet / runaways |",
              "|---|---|---|---|---|---|---|"]
    for name in names:
        for concurrency in args.concurrency:
            quiet, loud = measured[name][("quiet", concurrency)], measured[name][("runaways", concurrency)]
            runaway = loud["runaway"]
            answers = ", ".join(f"{k}: {v}" for k, v in sorted(runaway["answers"].items()))
            lines.append(f"| {name} | {concurrency} | {loud['p99_ms'] / quiet['p99_ms']:.2f}× | {runaway['sent']} | {answers} "
                         f"| {runaway['longest_s']} | {quiet['load1']:.1f} / {loud['load1']:.1f} |")
    return "\n".join(lines)


def main():
    args = options()
    stores = prepare_data(args)
    with open(os.path.join(args.bench, "queries/q1_point_lookup.rq"), encoding="utf-8") as query:
        point_query = query.read()
    measured = {name: measure(name, args, stores, point_query) for name in args.servers}
    report = table(args, measured)
    print(f"Point lookup (../shared/bench q1, {POINT_ROWS} rows, GET, JSON results), wrk {args.duration} s per cell, "
          f"time limit {args.runaway_timeout} s, runaway = `{RUNAWAY}` once per second.\n")
    print(report)
    with open(os.path.join(args.work, "results.json"), "w") as out:
        json.dump({name: {f"{p}-{c}": r for (p, c), r in results.items()} for name, results in measured.items()}, out, indent=1)
    errors = sum(r["errors"] + r["non2xx"] for results in measured.values() for r in results.values())
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
