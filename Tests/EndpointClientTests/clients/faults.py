#!/usr/bin/env python3
"""Bad input and faults against a running SPARQL endpoint, with curl: each must get the right HTTP
status, the server must keep answering afterwards, and nothing may be written.

Usage: faults.py --query-url URL [--update-url URL] --timeout SECONDS [--worker-marker TEXT]
       (the server's update token in $COATT_UPDATE_TOKEN; --timeout is the server's per-query limit;
       --worker-marker a string in the command line of this server's worker processes, e.g. its store
       path: the SIGKILL check kills one of them)"""
import os
import signal
import subprocess
import threading
import time
import urllib.parse

from harness import Checks, Skip, arguments, curl, expect
from terms import parse_json

FINGERPRINT = "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
POINT = "PREFIX ex: <http://example.org/> SELECT ?p ?o WHERE { ex:person7 ?p ?o }"
# Four-way cartesian product over ~280 triples: 6×10⁹ solutions, minutes of work for any engine.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# ~17,000 rows, a few MB of JSON: quick to compute, long to download at 50 kB/s.
BIG = "PREFIX ex: <http://example.org/> SELECT * WHERE { ?a ?b ?c . ?d ex:name ?f }"
INSERT = "INSERT DATA { GRAPH <http://example.org/fault> { <http://example.org/x> <http://example.org/y> \"z\" } }"


def get(args, query, *options, extra=""):
    return curl(f"{args.query_url}?query={urllib.parse.quote(query)}{extra}",
                "-H", "Accept: application/sparql-results+json", *options)


def post_update(args, text, token=None):
    headers = ["-H", "Content-Type: application/sparql-update"]
    if token is not None:
        headers += ["-H", f"Authorization: Bearer {token}"]
    return curl(args.update_url, *headers, data=text.encode())


def fingerprint(args):
    status, _, body, _ = get(args, FINGERPRINT)
    if status != 200:
        raise RuntimeError(f"fingerprint query answered HTTP {status}: {body[:200]!r}")
    table = parse_json(body)
    return sorted(table.rows.elements(), key=repr)


def serving(args):
    """None when a point lookup still gets its 200 answer."""
    status, _, body, _ = get(args, POINT)
    if status != 200:
        return f"then the server answered a point lookup with HTTP {status}: {body[:200]!r}"
    rows = sum(parse_json(body).rows.values())
    return expect(rows >= 3, f"then the point lookup had {rows} rows")


def status_then_serving(args, wanted, answer):
    status, content_type, body, _ = answer
    if status not in wanted:
        return f"HTTP {status} ({content_type}), wanted {sorted(wanted)}: {body[:300]!r}"
    return serving(args)


def oversized_query(args):
    query = "ASK { }" + " " * (10 * 1024 * 1024)
    return status_then_serving(args, {413}, curl(args.query_url, "-H", "Content-Type: application/sparql-query",
                                                 data=query.encode()))


def deep_nesting(args):
    """2,000 nested groups: refused (400) or answered (200), never a crash or a hang."""
    query = "SELECT * WHERE " + "{ " * 2000 + "}" * 2000
    return status_then_serving(args, {200, 400}, curl(args.query_url, "-H", "Content-Type: application/sparql-query",
                                                      data=query.encode()))


def invalid_utf8(args):
    return status_then_serving(args, {400}, curl(f"{args.query_url}?query=ASK%20%7B%20%3Fs%20%3Fp%20%22%FF%FE%22%20%7D"))


def unknown_parameter(args):
    """An unknown parameter is ignored: the query is answered."""
    status, _, body, _ = get(args, POINT, extra="&frobnicate=yes")
    return expect(status == 200 and sum(parse_json(body).rows.values()) >= 3, f"HTTP {status}: {body[:200]!r}")


def wrong_content_type(args):
    return status_then_serving(args, {415}, curl(args.query_url, "-H", "Content-Type: text/plain", data=b"ASK {}"))


def update_without_token(args):
    """401 with WWW-Authenticate when the server has a token; 403 (read-only) when it has none."""
    answer = post_update(args, INSERT)
    if args.token and "www-authenticate:" not in answer.headers.lower():
        return f"HTTP {answer.status} without a WWW-Authenticate header"
    return status_then_serving(args, {401} if args.token else {403}, answer)


def update_with_wrong_token(args):
    if not args.token:
        raise Skip("server started without a token")
    return status_then_serving(args, {401}, post_update(args, INSERT, token=args.token + "x"))


def load_local_file(args):
    if not args.token:
        raise Skip("no update token: LOAD is refused before the policy is even asked")
    return status_then_serving(args, {403}, post_update(args, "LOAD <file:///etc/passwd> INTO GRAPH <http://example.org/passwd>",
                                                        token=args.token))


def service_loopback(args):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"
    return status_then_serving(args, {403}, get(args, query))


class Background:
    """One request running in a thread while the main thread does other things."""

    def __init__(self, function, *args):
        self.answer = None
        self.seconds = None
        self.thread = threading.Thread(target=self._run, args=(function, args), daemon=True)
        self.thread.start()

    def _run(self, function, args):
        started = time.monotonic()
        self.answer = function(*args)
        self.seconds = time.monotonic() - started

    def wait(self, seconds):
        self.thread.join(seconds)
        return self.answer


def runaway_timeout(args):
    """A cartesian product stopped at the time limit (503) while point lookups keep being answered."""
    runaway = Background(get, args, RUNAWAY, "--max-time", str(args.timeout + 30))
    time.sleep(0.3)
    slow = []
    while runaway.thread.is_alive():
        started = time.monotonic()
        problem = serving(args)
        elapsed = time.monotonic() - started
        if problem or elapsed > 2.0:
            slow.append(f"{problem or 'answered'} in {elapsed:.2f} s")
        time.sleep(0.2)
    status, _, body, _ = runaway.answer
    if status != 503:
        return f"runaway query: HTTP {status} after {runaway.seconds:.1f} s, wanted 503: {body[:200]!r}"
    if runaway.seconds > args.timeout + 5:
        return f"runaway query stopped only after {runaway.seconds:.1f} s (limit {args.timeout} s)"
    return expect(not slow, f"point lookups during the runaway: {slow[:3]}") or serving(args)


def client_disconnect(args):
    """The client hangs up in the middle of a large answer (throttled download, then --max-time)."""
    reply = get(args, BIG, "--limit-rate", "50k", "--max-time", str(args.timeout + 2))
    if reply.status != 0:
        raise Skip(f"the whole answer arrived in time (HTTP {reply.status}); nothing was cut")
    if not reply.body:
        return f"no byte of the answer came before the client hung up ({reply.content_type})"
    return serving(args)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_pids(marker):
    found = subprocess.run(["pgrep", "-f", "serve-worker"], capture_output=True, text=True).stdout.split()
    pids = []
    for pid in found:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if marker.encode() in cmdline.read():
                    pids.append(int(pid))
        except FileNotFoundError:
            pass
    return pids


def busiest_worker(before, deadline):
    """The worker that has used the most CPU since `before` once one has used 0.2 s (the one running
    the runaway query), or None if none has by the deadline."""
    def used(pid):
        try:
            return cpu_seconds(pid) - before[pid]
        except FileNotFoundError:
            return -1
    while time.monotonic() < deadline:
        busiest = max(before, key=used)
        if used(busiest) >= 0.2:
            return busiest
        time.sleep(0.1)
    return None


def worker_killed(args):
    """SIGKILL the worker running a query: that request fails (5xx), the server answers the next one."""
    if not args.worker_marker:
        raise Skip("no --worker-marker: this server has no worker processes to kill")
    before = {pid: cpu_seconds(pid) for pid in worker_pids(args.worker_marker)}
    if not before:
        raise Skip(f"no serve-worker process with {args.worker_marker!r} in its command line")
    runaway = Background(get, args, RUNAWAY, "--max-time", str(args.timeout + 30))
    busiest = busiest_worker(before, deadline=time.monotonic() + args.timeout / 2)
    if busiest is None:
        return "no worker started computing the runaway query"
    os.kill(busiest, signal.SIGKILL)
    status, _, body, _ = runaway.wait(args.timeout + 30)
    if status != 500:
        return f"query on the killed worker: HTTP {status}, wanted 500: {body[:200]!r}"
    problem = serving(args)
    if problem:
        return problem
    deadline = time.monotonic() + 10
    while len(worker_pids(args.worker_marker)) < len(before) and time.monotonic() < deadline:
        time.sleep(0.2)
    return expect(len(worker_pids(args.worker_marker)) >= len(before),
                  f"{len(worker_pids(args.worker_marker))} workers after the kill, {len(before)} before")


def main():
    args = arguments(__doc__, lambda parser: (
        parser.add_argument("--timeout", type=float, required=True, help="the server's per-query time limit, seconds"),
        parser.add_argument("--worker-marker", help="text in this server's worker command lines (its store path)")))
    checks = Checks()
    before = fingerprint(args)
    for name, check in [("oversized-query-413", oversized_query), ("deep-nesting", deep_nesting),
                        ("invalid-utf8-400", invalid_utf8), ("unknown-parameter-ignored", unknown_parameter),
                        ("wrong-content-type-415", wrong_content_type), ("update-without-token", update_without_token),
                        ("update-wrong-token-401", update_with_wrong_token), ("load-file-403", load_local_file),
                        ("service-loopback-403", service_loopback), ("runaway-timeout-503", runaway_timeout),
                        ("client-disconnect", client_disconnect), ("worker-sigkill", worker_killed)]:
        checks.run(name, check, args)
    checks.run("nothing-written", lambda: expect(fingerprint(args) == before, "the data changed during the fault checks"))
    checks.finish()


if __name__ == "__main__":
    main()
