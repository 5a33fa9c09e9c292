#!/usr/bin/env bash
# The main job at this stage: load the DBpedia ontology, our vocabulary and two KG extracts into a
# fresh persistent store, print its statistics, and answer every example query in Queries/.
set -euo pipefail
coatt=${COATT_BIN:-.build/release/coatt}
store=${DEMO_STORE:-out/demo.store}
data=${COATT_DATA:-../shared/data}
rm -rf "$store"
"$coatt" load --store "$store" "$data/ontology/dbpedia-ontology.ttl" Ontologies/coattkg.ttl
"$coatt" kg import --store "$store" --data-dir "$data" dbpedia50
"$coatt" kg import --store "$store" --data-dir "$data" codex-s
"$coatt" store stats --store "$store" --top 10
for query in Queries/*.rq; do
  echo
  echo "== $query: $(sed -n 's/^# //p' "$query" | head -1)"
  "$coatt" query --store "$store" --file "$query"
done
