#!/usr/bin/env bash
# SPARQL endpoint benchmark: `coatt serve` against Oxigraph's server on ../shared/bench's 1M-triple
# data in the same run (requests/s, p50/p99 of the point lookup at 1, 8 and 64 clients, quiet and
# with one runaway query per second). See endpoint_bench.py for what is measured.
# Usage: Benchmarks/endpoint/run.sh [--quick] [endpoint_bench.py options]   (after `make release`;
#        stores and results in out/endpoint-bench/, a Markdown table on standard output)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: run scripts/bootstrap.sh (Debian package wrk)" >&2; exit 1; }
[ -x .venv/bin/python ] || python3 -m venv .venv
[ -x .venv/bin/oxigraph ] || .venv/bin/pip install -q oxigraph==0.5.13
exec .venv/bin/python Benchmarks/endpoint/endpoint_bench.py --coatt "${COATT_BIN:-.build/release/coatt}" "$@"
