#!/usr/bin/env bash
# Store and query benchmark, CoAttKG against Oxigraph on the same data in the same run:
#  1. load rates (triples/s) into the persistent store and into memory: the DBpedia ontology,
#     DBpedia50 and CoDEx-M (as imported by `coatt kg import`), and the 1M-triple workload of
#     ../shared/bench (also loaded into Oxigraph);
#  2. median query latencies, store opened once, every result consumed: ../shared/bench/queries
#     and Benchmarks/kg1m/ on the 1M-triple store, Queries/ on the demo store (dumped to N-Quads for Oxigraph), and
#     Benchmarks/posts/ and Queries/posts/ on the demo store with all 4,819 Twitter-2017 posts
#     extracted into it.
#  3. federated queries (Benchmarks/federated/): SERVICE from the posts store to a `coatt serve`
#     over the demo store, both engines asking the same endpoint, directly and through a proxy
#     that adds 100 ms to each request (latency_proxy.py; port 7399).
# Usage: Benchmarks/store.sh   (after `make release`; writes out/bench/, prints Markdown tables)
set -euo pipefail
cd "$(dirname "$0")/.."
coatt=${COATT_BIN:-.build/release/coatt}
data=${COATT_DATA:-../shared/data}
bench=${COATT_BENCH:-../shared/bench}
out=out/bench
repeat=${REPEAT:-10}
mkdir -p "$out"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -c "import pyoxigraph" 2>/dev/null || .venv/bin/pip install -q pyoxigraph==0.5.13
oxigraph=(.venv/bin/python Benchmarks/oxigraph_bench.py --repeat "$repeat")

rate() { sed -n 's/.*(\([0-9]*\) statements\/s).*/\1/p' | tail -1; }
import_rate() { awk '/^imported/ { for (i = 1; i <= NF; i++) { if ($i == "quads") q = $(i-1); if ($i == "s;") s = $(i-1) } } END { printf "%d", q / s }'; }

echo "## Load rates (triples/s)"
echo "| data | persistent store | memory |"
echo "|---|---|---|"
rm -rf "$out/load.store"
echo "| DBpedia ontology | $("$coatt" load --store "$out/load.store" "$data/ontology/dbpedia-ontology.ttl" | rate) | $("$coatt" load --store memory "$data/ontology/dbpedia-ontology.ttl" | rate) |"
for kg in dbpedia50 codex-m; do
  echo "| $kg (kg import) | $("$coatt" kg import --store "$out/load.store" --data-dir "$data" "$kg" | import_rate) | $("$coatt" kg import --store memory --data-dir "$data" "$kg" | import_rate) |"
done
[ -f "$out/kg1m.nt" ] || python3 "$bench/gen_kg.py" --triples-dir "$data/kg/codex-m" --meta-dir "$data/kg/codex-meta" \
  --target-triples 1000000 --out "$out/kg1m.nt" >/dev/null
rm -rf "$out/kg1m.store"
start=$(date +%s.%N)
coatt_1m=$("$coatt" load --store "$out/kg1m.store" "$out/kg1m.nt" | rate)
coatt_1m_s=$(echo "$(date +%s.%N) - $start" | bc)
ox_load=$("${oxigraph[@]}" --location "$out/kg1m.oxigraph" --load "$out/kg1m.nt" | awk '$1 == "load" { print $3 }')
echo "| bench kg1m.nt (1,036,105) | $coatt_1m ($(printf %.1f "$coatt_1m_s") s whole process) | $("$coatt" load --store memory "$out/kg1m.nt" | rate) |"
echo
echo "Oxigraph (pyoxigraph bulk_load + optimize) loaded kg1m.nt in ${ox_load} s."

coatt_options=() oxigraph_options=()  # extra options of each engine, for the federated queries
compare() {  # $1 store, $2 oxigraph location, $3… query files
  local store=$1 location=$2; shift 2
  "$coatt" bench query --store "$store" --repeat "$repeat" "${coatt_options[@]}" "$@" > "$out/coatt.tsv"
  "${oxigraph[@]}" --location "$location" "${oxigraph_options[@]}" "$@" > "$out/oxigraph.tsv"
  echo "| query | rows | CoAttKG median ms | Oxigraph median ms | ratio |"
  echo "|---|---|---|---|---|"
  awk -F'\t' 'NR == FNR { if (FNR > 1) ox[$1] = $3; next }
              FNR > 1 { r = ox[$1] > 0 ? $3 / ox[$1] : 0; printf "| %s | %s | %s | %s | %.2f× |\n", $1, $2, $3, ox[$1], r }' \
      "$out/oxigraph.tsv" "$out/coatt.tsv"
}

echo
echo "## ../shared/bench queries on the 1M-triple store"
compare "$out/kg1m.store" "$out/kg1m.oxigraph" "$bench"/queries/*.rq

echo
echo "## Benchmarks/kg1m/ (what rasqal sorts and keeps distinct itself, join order, joins narrowed by the left row) on the 1M-triple store"
compare "$out/kg1m.store" "$out/kg1m.oxigraph" Benchmarks/kg1m/*.rq

echo
echo "## Queries/ on the demo store"
DEMO_STORE="$out/demo.store" COATT_BIN="$coatt" COATT_DATA="$data" scripts/demo.sh >/dev/null
"$coatt" store dump --store "$out/demo.store" > "$out/demo.nq"
"${oxigraph[@]}" --location "$out/demo.oxigraph" --load "$out/demo.nq" >/dev/null
compare "$out/demo.store" "$out/demo.oxigraph" Queries/*.rq

echo
echo "## Benchmarks/posts/ over the demo store with every Twitter-2017 post extracted (one graph each)"
rm -rf "$out/posts.store" "$out/posts.oxigraph"
cp -r "$out/demo.store" "$out/posts.store"
.venv/bin/python - "$data/twitter2017" > "$out/posts.jsonl" <<'EOF'
import json, sys
sys.path.insert(0, "Benchmarks")
from mner_posts import read_posts
for split in ("train", "valid", "test"):
    for i, (words, _) in enumerate(read_posts(f"{sys.argv[1]}/{split}.txt")):
        print(json.dumps({"id": f"twitter2017-{split}-{i}", "text": " ".join(words)}))
EOF
"$coatt" extract --input "$out/posts.jsonl" --model "${DEMO_TAGGER:-out/demo-tagger}" --store "$out/posts.store" > /dev/null
"$coatt" store dump --store "$out/posts.store" > "$out/posts.nq"
"${oxigraph[@]}" --location "$out/posts.oxigraph" --load "$out/posts.nq" >/dev/null
compare "$out/posts.store" "$out/posts.oxigraph" Benchmarks/posts/*.rq Queries/posts/*.rq

echo
echo "## Benchmarks/federated/: SERVICE from the posts store to a coatt serve over the demo store"
"$coatt" serve --store "$out/demo.store" --port 0 --workers 2 > "$out/serve.log" 2>&1 &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null' EXIT
for _ in $(seq 100); do url=$(grep -o 'http://127[^ ]*/sparql' "$out/serve.log" || true); [ -n "$url" ] && break; sleep 0.2; done
[ -n "$url" ] || { echo "coatt serve did not start: $(cat "$out/serve.log")" >&2; exit 1; }
coatt_options=(--allow http://kg.example/ --service-endpoint "http://kg.example/sparql=$url")
oxigraph_options=(--endpoint "http://kg.example/sparql=$url")
compare "$out/posts.store" "$out/posts.oxigraph" Benchmarks/federated/*.rq

echo
echo "## Benchmarks/federated/ through a proxy that delays each request by 100 ms (a remote endpoint)"
python3 Benchmarks/federated/latency_proxy.py --target "$url" --port 7399 --delay-ms 100 &
proxy_pid=$!
trap 'kill $serve_pid $proxy_pid 2>/dev/null' EXIT
sleep 1
coatt_options=(--allow http://kg.example/ --service-endpoint "http://kg.example/sparql=http://127.0.0.1:7399/sparql")
oxigraph_options=(--endpoint "http://kg.example/sparql=http://127.0.0.1:7399/sparql")
compare "$out/posts.store" "$out/posts.oxigraph" Benchmarks/federated/*.rq
