"""What the client scripts share: the command line, the check log the Swift test reads, curl, and
the reference answers from `coatt query` on the same store.

Output protocol (read by Tests/EndpointClientTests): one line per check, `PASS name` or
`FAIL name: why` (or `SKIP name: why`), then `summary: P ok, F failing, S skipped`; the exit status is
1 when any check failed."""
import argparse
import functools
import os
import subprocess
import sys
import tempfile
import traceback
from typing import NamedTuple

from terms import parse_tsv, parse_tsv_boolean


def arguments(description, extra=None):
    """The options every client script takes; `extra(parser)` adds a script's own."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--query-url", required=True, help="the SPARQL query endpoint, e.g. http://127.0.0.1:7070/sparql")
    parser.add_argument("--update-url", help="the SPARQL update endpoint (default: the query endpoint)")
    parser.add_argument("--coatt", help="the coatt binary for reference answers (`coatt query --format tsv`)")
    parser.add_argument("--store", help="the store that binary queries (the one the server serves, or a copy of its data)")
    if extra:
        extra(parser)
    args = parser.parse_args()
    args.update_url = args.update_url or args.query_url
    # The token comes from the environment, as for `coatt serve`: never on a command line (ps shows it).
    args.token = os.environ.get("COATT_UPDATE_TOKEN", "")
    return args


class Checks:
    """Runs named checks, each isolated: an exception fails that check only."""

    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def run(self, name, function, *args):
        try:
            outcome = function(*args)
        except Skip as skip:
            self.skip(name, str(skip))
            return
        except Exception as error:  # a client library raising is a failed check, with its story
            detail = f"{type(error).__name__}: {error}"
            self.fail(name, detail + " | " + traceback.format_exc(limit=3).replace("\n", " "))
            return
        if outcome:
            self.fail(name, outcome)
        else:
            self.passed += 1
            print(f"PASS {name}", flush=True)

    def fail(self, name, why):
        self.failed += 1
        print(f"FAIL {name}: {why}", flush=True)

    def skip(self, name, why):
        self.skipped += 1
        print(f"SKIP {name}: {why}", flush=True)

    def finish(self):
        print(f"summary: {self.passed} ok, {self.failed} failing, {self.skipped} skipped", flush=True)
        sys.exit(1 if self.failed else 0)


class Skip(Exception):
    """Raised by a check that cannot apply to this server (e.g. no worker processes to kill)."""


def expect(condition, why):
    """The check's failure message when `condition` is false, else None (for `return expect(...)`)."""
    return None if condition else why


class Reply(NamedTuple):
    """One HTTP answer as curl saw it. status 0 = no HTTP answer (then `content_type` holds curl's error)."""
    status: int
    content_type: str
    body: bytes
    headers: str


def curl(url, *options, data=None, timeout=60):
    """Runs curl (the request body, if any, on its standard input) and returns its Reply."""
    marker = b"\n--curl-status--"
    with tempfile.NamedTemporaryFile() as headers:
        command = ["curl", "-sS", "-g", "-o", "-", "-D", headers.name,
                   "-w", marker.decode() + "%{http_code} %{content_type}", *options, url]
        if data is not None:
            command[1:1] = ["--data-binary", "@-"]
        done = subprocess.run(command, input=data, capture_output=True, timeout=timeout)
        header_text = open(headers.name, encoding="latin-1").read()
    body, _, trailer = done.stdout.rpartition(marker)
    status, _, content_type = trailer.decode().partition(" ")
    if done.returncode != 0:
        return Reply(0, f"curl exit {done.returncode}: {done.stderr.decode().strip()}", body, header_text)
    return Reply(int(status), content_type, body, header_text)


@functools.cache
def _coatt_query(coatt, store, query, format):
    """One `coatt query` run (cached: the clients ask the same few queries many times)."""
    done = subprocess.run([coatt, "query", "--store", store, "--format", format, query],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"coatt query failed: {done.stderr.strip()}")
    return done.stdout


def reference(args, query):
    """The `coatt query --format tsv` answer of `query` on the reference store: a Table, or a bool for ASK."""
    if not (args.coatt and args.store):
        raise Skip("no --coatt/--store for reference answers")
    text = _coatt_query(args.coatt, args.store, query, "tsv")
    return parse_tsv_boolean(text) if text.startswith("?_askResult") else parse_tsv(text)


def reference_graph(args, query):
    """The `coatt query --format ntriples` answer of a CONSTRUCT, as an rdflib Graph."""
    import rdflib
    if not (args.coatt and args.store):
        raise Skip("no --coatt/--store for reference answers")
    return rdflib.Graph().parse(data=_coatt_query(args.coatt, args.store, query, "ntriples"), format="nt")
