#!/usr/bin/env python3
"""Computes the answers of the example queries in Queries/ straight from the raw data files,
independently of CoAttKG, and prints them as the TSV rows the tests expect (Queries/expected/).

Usage: python3 scripts/verify_queries.py [DATA_DIR]   (default ../shared/data)
Only the standard library is used; labels are derived the way the importer documents."""
import ast, csv, collections, re, sys, os

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
kg = os.path.join(data, "kg")
DBR, DBO, WD = "http://dbpedia.org/resource/", "http://dbpedia.org/ontology/", "http://www.wikidata.org/entity/"

def facts(folder, splits=("train", "valid", "test")):
    out = set()
    for split in splits:
        with open(os.path.join(kg, folder, split + ".txt"), encoding="utf-8") as f:
            out.update(tuple(line.rstrip("\n").split("\t")) for line in f if line.strip())
    return out

def label(name):
    text = name.replace("_", " ")
    return re.sub(r"\s*\([^()]*\)$", "", text)

def classes(path, full_iri):
    out = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            value = row["classes"]
            members = set() if value == "set()" else ast.literal_eval(value)
            out[row["entity"]] = {c if full_iri else DBO + c for c in members}
    return out

def section(name, rows):
    print(f"== {name}")
    for row in rows:
        print("\t".join(row))

direct = classes(os.path.join(kg, "dbpedia50", "entity-classes.csv"), False)
counts = collections.Counter(c for cs in direct.values() for c in cs)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
section("classes-by-instances", [(f"<{c}>", str(n)) for c, n in top])

einstein = sorted(("out" if h == "Albert_Einstein" else "in", DBO + r, DBR + (t if h == "Albert_Einstein" else h))
                  for h, r, t in facts("dbpedia50") if "Albert_Einstein" in (h, t))
section("entity-neighbourhood", [(f'"{d}"', f"<{p}>", f"<{o}>") for d, p, o in einstein])

inferred = classes(os.path.join(kg, "dbpedia50", "entity-classes-inferred.csv"), True)
london = {h for h, r, t in facts("dbpedia50") if r == "birthPlace" and t == "London"}
people = sorted((label(p), p) for p in london if DBO + "Person" in inferred.get(p, set()) | direct.get(p, set()))
section("people-born-in-london", [(f"<{DBR}{p}>", f'"{name}"@en') for name, p in people[:10]])

import json
type_labels = json.load(open(os.path.join(kg, "codex-meta", "types-en.json"), encoding="utf-8"))
occupations = collections.Counter(t for h, r, t in facts("codex-s", ("train",)) if r == "P106")
section("codex-occupations", [(f"<{WD}{q}>", f'"{type_labels[q]["label"]}"@en' if q in type_labels else "", str(n))
                              for q, n in sorted(occupations.items(), key=lambda kv: (-kv[1], kv[0]))[:10]])

import subprocess
def ntriples(path):
    text = subprocess.run(["rapper", "-q", "-i", "turtle", "-o", "ntriples", path], capture_output=True, text=True).stdout
    return [re.match(r'(\S+) (\S+) (.*) \.$', line).groups() for line in text.splitlines() if line]
vocabulary = ntriples("Ontologies/coattkg.ttl")
ontology = ntriples(os.path.join(data, "ontology", "dbpedia-ontology.ttl"))
NS = "https://w3id.org/coattkg/ns#"
ner = [(s, o) for s, p, o in vocabulary if p == f"<{NS}nerLabel>"]
target = {s: o for s, p, o in vocabulary if p == f"<{NS}dbpediaClass>"}
equivalents = collections.defaultdict(list)
for s, p, o in ontology:
    if p == "<http://www.w3.org/2002/07/owl#equivalentClass>" and o.startswith(f"<{WD}"):
        equivalents[s].append(o)
rows = []
for s, label in ner:
    cls = target[s]
    rows += [(label, cls, w) for w in equivalents[cls]] or [(label, cls, "")]
section("ner-types-to-wikidata", sorted(rows))

section("einstein-nobel", [("true" if ("Albert_Einstein", "award", "Nobel_Prize_in_Physics") in facts("dbpedia50") else "false",)])

# entities-per-ner-type: DBpedia50 entities whose classes (given or inferred) lie below each NER
# type's class in the ontology's rdfs:subClassOf hierarchy.
parents = collections.defaultdict(set)
for s, p, o in ontology:
    if p == "<http://www.w3.org/2000/01/rdf-schema#subClassOf>":
        parents[s].add(o)
def ancestors(cls):
    seen, todo = {cls}, [cls]
    while todo:
        for parent in parents[todo.pop()] - seen:
            seen.add(parent)
            todo.append(parent)
    return seen
entity_classes = collections.defaultdict(set)
for given in (direct, inferred):
    for entity, members in given.items():
        entity_classes[entity] |= {f"<{c}>" for c in members}
rows = []
for s, label in ner:
    cls = target[s]
    covered = sum(1 for members in entity_classes.values() if any(cls in ancestors(c) for c in members))
    rows.append((label, cls, str(covered)))
section("entities-per-ner-type", sorted(rows))

# class-labels-by-language: labels of the owl:Class subjects of both ontology files, each
# (class, label) once, counted by language tag; the ten largest, ties by tag.
owl_class = ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2002/07/owl#Class>")
triples = set(ontology) | set(vocabulary)
declared = {s for s, p, o in triples if (p, o) == owl_class}
languages = collections.Counter(re.search(r'"@([A-Za-z0-9-]+)$', o).group(1) if re.search(r'"@[A-Za-z0-9-]+$', o) else ""
                                for s, p, o in triples if s in declared and p == "<http://www.w3.org/2000/01/rdf-schema#label>")
section("class-labels-by-language", [(f'"{tag}"', str(n)) for tag, n in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))[:10]])
