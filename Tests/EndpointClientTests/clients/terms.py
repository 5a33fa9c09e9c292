"""RDF terms as plain comparable tuples, and readers that turn each SPARQL results format into them.

Every reader here is independent of the server under test: JSON through `json`, XML through
`xml.etree`, CSV through `csv`, TSV and `coatt query --format tsv` through the small N-Triples term
reader below, rdflib results through rdflib's own term classes. A term is one of
    ("iri", value)
    ("literal", lexical, language or None, datatype or None)   # xsd:string and rdf:langString → None
    ("bnode",)                                                  # labels are not comparable across answers
so a solution is a tuple of terms (None for unbound) in the order of the variables."""
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"


def iri(value):
    return ("iri", value)


def literal(lexical, language=None, datatype=None):
    if datatype in (XSD + "string", RDF_LANG_STRING):
        datatype = None
    return ("literal", lexical, language.lower() if language else None, datatype)


BNODE = ("bnode",)


class Table:
    """A SELECT answer: variable names (without `?`) and a multiset of solutions."""

    def __init__(self, variables, rows):
        self.variables = list(variables)
        self.rows = Counter(tuple(row) for row in rows)

    def projected(self, variables):
        """The same solutions with the columns in `variables`' order (answers may order them differently)."""
        index = [self.variables.index(v) for v in variables]
        return Table(variables, ([row[i] for i in index] for row in self.rows.elements()))

    def as_csv_values(self):
        """What the CSV format keeps of each term: IRIs and lexical forms as strings, unbound as ""."""
        def value(term):
            if term is None:
                return ""
            return "_:" if term == BNODE else term[1]
        return Table(self.variables, ([value(t) for t in row] for row in self.rows.elements()))

    def difference(self, other):
        """A short description of how two answers differ, or None when they are equal."""
        if sorted(self.variables) != sorted(other.variables):
            return f"variables {self.variables} != {other.variables}"
        other = other.projected(self.variables)
        if self.rows == other.rows:
            return None
        missing = list((self.rows - other.rows).elements())[:3]
        extra = list((other.rows - self.rows).elements())[:3]
        return (f"{sum(self.rows.values())} vs {sum(other.rows.values())} rows; "
                f"only in first: {missing}; only in second: {extra}")


# --- N-Triples-style terms (TSV results, `coatt query --format tsv`) ---

_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_TERM = re.compile(r'''<(?P<iri>[^>]*)>
                     | "(?P<lex>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[A-Za-z0-9-]+)|\^\^<(?P<dt>[^>]*)>)?
                     | (?P<bnode>_:\S+)
                     | (?P<bool>true|false)
                     | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))''', re.X)


def _unescape(text):
    def one(match):
        code = match.group(1)
        if code[0] in "uU":
            return chr(int(code[1:], 16))
        return _ESCAPES[code]
    return re.sub(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", one, text)


def parse_nt_term(text):
    """One term as TSV writes it (N-Triples syntax, or Turtle's bare numbers and booleans)."""
    if text == "":
        return None
    match = _TERM.fullmatch(text)
    if not match:
        raise ValueError(f"not an RDF term: {text!r}")
    if match.group("iri") is not None:
        return iri(_unescape(match.group("iri")))
    if match.group("lex") is not None:
        return literal(_unescape(match.group("lex")), match.group("lang"), match.group("dt"))
    if match.group("bnode"):
        return BNODE
    if match.group("bool"):
        return literal(match.group("bool"), datatype=XSD + "boolean")
    number = match.group("number")
    kind = "double" if "e" in number.lower() else "decimal" if "." in number else "integer"
    return literal(number, datatype=XSD + kind)


def parse_tsv(text):
    """A TSV results document (W3C SPARQL 1.1 Query Results CSV and TSV Formats, section 4)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    variables = [v[1:] if v.startswith("?") else v for v in lines[0].split("\t")] if lines else []
    rows = [[parse_nt_term(cell) for cell in line.split("\t")] for line in lines[1:]]
    return Table(variables, rows)


def parse_tsv_boolean(text):
    """`coatt query --format tsv` writes an ASK answer as a one-column table of true/false."""
    return text.strip().split("\n")[-1].strip() == "true"


# --- the other results formats ---

def parse_csv(text):
    """A CSV results document: values only (the format keeps no term kinds)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    table = list(reader)
    def value(cell):
        return "_:" if cell.startswith("_:") else cell
    return Table(table[0], ([value(c) for c in row] for row in table[1:]))


def _json_term(binding):
    kind = binding["type"]
    if kind == "uri":
        return iri(binding["value"])
    if kind == "bnode":
        return BNODE
    if kind in ("literal", "typed-literal"):
        return literal(binding["value"], binding.get("xml:lang"), binding.get("datatype"))
    raise ValueError(f"unknown JSON term type {kind!r}")


def parse_json(data):
    """A JSON results document (text or already decoded): a Table, or a bool for ASK."""
    document = json.loads(data) if isinstance(data, (str, bytes)) else data
    if "boolean" in document:
        return bool(document["boolean"])
    variables = document["head"]["vars"]
    rows = [[_json_term(b[v]) if v in b else None for v in variables] for b in document["results"]["bindings"]]
    return Table(variables, rows)


def _xml_term(element):
    if element.tag == RESULTS_NS + "uri":
        return iri(element.text or "")
    if element.tag == RESULTS_NS + "bnode":
        return BNODE
    if element.tag == RESULTS_NS + "literal":
        return literal(element.text or "", element.get("{http://www.w3.org/XML/1998/namespace}lang"),
                       element.get("datatype"))
    raise ValueError(f"unknown XML term element {element.tag}")


def parse_xml(data):
    """An XML results document: a Table, or a bool for ASK."""
    root = ET.fromstring(data)
    boolean = root.find(RESULTS_NS + "boolean")
    if boolean is not None:
        return boolean.text.strip() == "true"
    variables = [v.get("name") for v in root.find(RESULTS_NS + "head").findall(RESULTS_NS + "variable")]
    rows = []
    for result in root.find(RESULTS_NS + "results").findall(RESULTS_NS + "result"):
        bound = {b.get("name"): _xml_term(b[0]) for b in result.findall(RESULTS_NS + "binding")}
        rows.append([bound.get(v) for v in variables])
    return Table(variables, rows)


def from_rdflib(term):
    """An rdflib term (from SPARQLStore results) as a comparable tuple."""
    from rdflib import BNode, Literal, URIRef
    if term is None:
        return None
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, BNode):
        return BNODE
    if isinstance(term, Literal):
        return literal(str(term), term.language, str(term.datatype) if term.datatype else None)
    raise ValueError(f"unexpected rdflib term {term!r}")
