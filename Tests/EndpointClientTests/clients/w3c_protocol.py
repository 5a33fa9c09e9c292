#!/usr/bin/env python3
"""Runs the W3C SPARQL 1.1 Protocol tests (sparql11/protocol/manifest.ttl) against a running endpoint.

The manifest describes HTTP exchanges (ht:Request with method, path, headers and body; ht:Response with
mf:expectedStatus, mf:expectedFormat, mf:expectedBoolean) rather than queries and results, so this
script is the harness: it loads each test's ut:graphData into the named graphs the test expects
(through SPARQL Update: the test data are N-Triples), replays each request with http.client (which,
unlike urllib, adds no Content-Type of its own: several tests are about a missing one) with the
manifest's `/sparql/` replaced by the endpoint's path, and checks the answer.

The tests clear and drop every graph: run it on a scratch store only.

Usage: w3c_protocol.py --query-url URL [--update-url URL] --manifest DIR/manifest.ttl
       (update token, if any, in $COATT_UPDATE_TOKEN)"""
import http.client
import json
import os
import urllib.parse
import xml.etree.ElementTree as ET

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDFS

from harness import Checks, arguments

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

STATUS_CLASSES = {HTS.StatusCode2xx: 2, HTS.StatusCode3xx: 3, HTS.StatusCode4xx: 4, HTS.StatusCode5xx: 5}
# What mf:expectedFormat allows (the test descriptions name the formats; RDFa is not one we write).
FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml", "application/json", "application/xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml", "application/json", "application/xml",
                "text/csv", "text/tab-separated-values"},
    "RDF": {"text/turtle", "application/n-triples", "application/rdf+xml", "application/xhtml+xml", "text/html"},
}


class Request:
    """One ht:Request of the manifest, with the response it expects."""

    def __init__(self, graph, node):
        self.method = str(graph.value(node, HT.methodName))
        self.path = str(graph.value(node, HT.absolutePath))
        self.headers = {}
        headers = graph.value(node, HT.headers)
        if headers is not None:
            for header in Collection(graph, headers):
                self.headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
        body = graph.value(node, HT.body)
        self.body = None
        if body is not None:
            encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
            self.body = str(graph.value(body, CNT.chars)).encode(encoding)
        response = graph.value(node, HT.resp)
        self.statuses = {STATUS_CLASSES[s] for s in graph.objects(response, MF.expectedStatus)}
        self.format = graph.value(response, MF.expectedFormat)
        self.boolean = graph.value(response, MF.expectedBoolean)

    @property
    def is_update(self):
        """Whether the request goes to the update endpoint (one URL for both at coatt, two at Oxigraph)."""
        text = self.path + (self.body.decode("utf-8", "replace") if self.body else "")
        return ("sparql-update" in self.headers.get("content-type", "") or "update=" in text
                or "using-graph-uri" in text or "using-named-graph-uri" in text)


class Test:
    """One mf:ProtocolTest: its name, the graphs to load first, its requests in order."""

    def __init__(self, graph, node, folder):
        self.name = str(node).rpartition("#")[2]
        self.title = str(graph.value(node, MF.name))
        self.graph_data = [(str(graph.value(g, RDFS.label)), os.path.join(folder, os.path.basename(str(graph.value(g, UT.graph)))))
                           for g in graph.objects(node, UT.graphData)]
        action = graph.value(node, MF.action)
        self.requests = [Request(graph, r) for r in Collection(graph, graph.value(action, HT.requests))]


def read_manifest(path):
    graph = rdflib.Graph().parse(path, format="turtle")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    folder = os.path.dirname(path)
    return [Test(graph, node, folder) for node in Collection(graph, graph.value(manifest, MF.entries))]


def send(url, method, headers, body):
    """One HTTP exchange; returns (status, media type, body)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    target = parts.path + ("?" + parts.query if parts.query else "")
    connection.request(method, target, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, (response.getheader("Content-Type") or "").split(";")[0].strip().lower(), data


def endpoint_url(base, manifest_path):
    """The manifest's `/sparql/?…` on our endpoint: its path replaced, its query string kept."""
    _, _, query = manifest_path.partition("?")
    return base + ("?" + query if query else "")


def auth(args):
    return {"Authorization": f"Bearer {args.token}"} if args.token else {}


def load_graph_data(args, test):
    """The test's named graphs, replaced by the N-Triples files it names."""
    for name, path in test.graph_data:
        with open(path, encoding="utf-8") as data:
            update = f"DROP SILENT GRAPH <{name}> ; INSERT DATA {{ GRAPH <{name}> {{ {data.read()} }} }}"
        status, _, body = send(args.update_url, "POST", {"Content-Type": "application/sparql-update", **auth(args)},
                               update.encode())
        if status // 100 != 2:
            raise RuntimeError(f"loading {name} for the test: HTTP {status} {body[:200]!r}")


def boolean_answer(media_type, body):
    if "json" in media_type:
        return json.loads(body).get("boolean")
    element = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return None if element is None else element.text.strip() == "true"


def run_test(args, test):
    load_graph_data(args, test)
    for number, request in enumerate(test.requests, 1):
        url = endpoint_url(args.update_url if request.is_update else args.query_url, request.path)
        status, media_type, body = send(url, request.method, {**request.headers, **auth(args)}, request.body)
        where = f"request {number} ({request.method} {request.path[:60]})"
        if status // 100 not in request.statuses:
            return f"{where}: HTTP {status}, wanted {sorted(request.statuses)}xx: {body[:200]!r}"
        if request.format is not None and media_type not in FORMATS[str(request.format)]:
            return f"{where}: content type {media_type!r} is not {request.format}"
        if request.boolean is not None:
            answer = boolean_answer(media_type, body)
            if answer is not request.boolean.toPython():
                return f"{where}: answered {answer}, wanted {request.boolean}"
    return None


def main():
    args = arguments(__doc__, lambda parser: parser.add_argument("--manifest", required=True))
    checks = Checks()
    for test in read_manifest(args.manifest):
        checks.run(test.name, run_test, args, test)
    checks.finish()


if __name__ == "__main__":
    main()
