#!/usr/bin/env bash
# The main job at this stage: load the DBpedia ontology, our vocabulary and two KG extracts into a
# fresh persistent store, print its statistics, answer every example query in Queries/, train
# TransE on CoDEx-S from the store's own graphs and keep it there, then serve the store as a
# SPARQL endpoint and ask it questions over HTTP.
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

echo
echo "== TransE on CoDEx-S, trained from the store's graphs and kept with it"
kg=https://w3id.org/coattkg/graph/kg/codex-s
"$coatt" kge train --store "$store" --graph "$kg/train" --valid-graph "$kg/valid" --test-graph "$kg/test" \
  --epochs 20 --eval-every 5 --out out/codex-s.transe.safetensors --register codex-s-transe
"$coatt" kge nearest --store "$store" http://www.wikidata.org/entity/Q30 -k 5   # United States of America

echo
echo "== The store as a SPARQL endpoint"
log=$(mktemp)
"$coatt" serve --store "$store" --port 0 > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 300); do grep -q "coatt serve: listening on" "$log" && break; sleep 0.1; done
endpoint=$(sed -n "s/^coatt serve: listening on \([^ ]*\).*/\1/p" "$log")
echo "endpoint: $endpoint"
for query in Queries/ner-types-to-wikidata.rq Queries/einstein-nobel.rq; do
  echo "-- $query (application/sparql-results+json)"
  curl -sS --fail-with-body -H 'Accept: application/sparql-results+json' --data-urlencode "query@$query" "$endpoint"
  echo
done
echo "-- which model embedded CoDEx-S's Q30: its dimension and validation MRR (text/csv)"
curl -sS --fail-with-body -H 'Accept: text/csv' --data-urlencode 'query=
  PREFIX coatt: <https://w3id.org/coattkg/ns#>
  SELECT ?model ?dimension ?mrr WHERE {
    ?embedding coatt:embeddingOf <http://www.wikidata.org/entity/Q30> ; coatt:embeddingModel ?model .
    ?model coatt:dimension ?dimension ; coatt:validationMRR ?mrr .
  }' "$endpoint"
kill -TERM $server
wait $server
