"""The endpoint's page (`/`) in a real headless Chromium: a post submitted through the page comes
back with its entities highlighted, a SPARQL query through the page comes back as a table, and a
DESCRIBE as Turtle.

The page fills in and submits `?text=…` (and runs `?query=…`) on load, so Chromium's own
`--dump-dom` and `--screenshot` drive it; `--virtual-time-budget` lets the page's fetches finish
first. The screenshot is checked from its pixels (PNG read with zlib, no imaging library): it has
the window's size, and the person colour of the highlights covers clearly more of it for a post
with a person than for a post without entities (the legend shows every colour in both).

Needs a server started with `--ner-model` (a tagger that finds PER "Obama" and LOC "Paris" in
"Obama visited Paris") over a store holding sample.ttl. Output protocol: harness.py."""
import html
import re
import struct
import subprocess
import tempfile
import urllib.parse
import zlib

from harness import Checks, arguments, curl, expect

WIDTH, HEIGHT = 1000, 900
# The highlight colours of HomePage.swift's style sheet.
PERSON, PLACE = (0xF9, 0xC7, 0x4F), (0x90, 0xBE, 0x6D)


def chromium(args, url, *mode):
    """Runs headless Chromium on `url` with `mode` (--dump-dom or --screenshot=F); its stdout."""
    command = [args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
               f"--window-size={WIDTH},{HEIGHT}", "--virtual-time-budget=15000", *mode, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"chromium exit {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def page_url(args, **parameters):
    return args.base + "/?" + urllib.parse.urlencode(parameters)


def read_png(path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    channels = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):  # undo the row filter (PNG specification, section 9)
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


def colour_pixels(rows, colour):
    return sum(row.count(colour) for row in rows)


def highlighted_in_the_dom(args):
    dom = chromium(args, page_url(args, text="Obama visited Paris"), "--dump-dom")
    post = re.search(r'<div id="post"[^>]*>(.*?)</div>', dom, re.S)
    if not post:
        return "no #post in the page's DOM: " + dom[:500]
    marks = re.findall(r'class="mention (\w+)"[^>]*>([^<]*)<small>', post.group(1))
    return expect(marks == [("PER", "Obama"), ("LOC", "Paris")], f"highlights {marks} in {post.group(1)[:500]}")


def screenshot_shows_the_highlights(args):
    counts = {}
    for name, text in [("entities", "Obama visited Paris"), ("none", "")]:
        path = args.screenshot if name == "entities" and args.screenshot else tempfile.mktemp(suffix=".png")
        chromium(args, page_url(args, text=text), f"--screenshot={path}")
        width, height, rows = read_png(path)
        if (width, height) != (WIDTH, HEIGHT):
            return f"the screenshot is {width}×{height}, not the window's {WIDTH}×{HEIGHT}"
        counts[name] = (colour_pixels(rows, PERSON), colour_pixels(rows, PLACE))
    # "Obama" at 1.2 rem on its highlight is well over 1,000 pixels; the legend has each colour in both shots.
    grew = all(with_entities > without + 1000 for with_entities, without in zip(counts["entities"], counts["none"]))
    return expect(grew, f"person/place highlight pixels with entities {counts['entities']}, without {counts['none']}")


def query_shows_a_table(args):
    query = "SELECT ?p ?o WHERE { <http://example.org/tricky> ?p ?o } ORDER BY ?p LIMIT 3"
    dom = chromium(args, page_url(args, query=query), "--dump-dom")
    table = re.search(r"<table>(.*?)</table>", dom, re.S)
    if not table:
        return "no results table in the page's DOM: " + re.sub(r"\s+", " ", dom[-800:])
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", table.group(1))
    rows = re.findall(r"<tr>", table.group(1))
    if not (headers == ["p", "o"] and len(rows) == 4 and "3 rows" in table.group(1)):
        return f"headers {headers}, {len(rows)} rows (head included) in {table.group(1)[:500]}"
    # Each IRI links to its DESCRIBE in the page (the predicates are IRIs).
    if 'href="?query=DESCRIBE%20%3Chttp%3A%2F%2Fexample.org%2F' not in table.group(1):
        return f"no describe link in {table.group(1)[:500]}"
    # The download link gives the same answer as CSV.
    download = re.search(r'<a href="([^"]+)" download="results.csv"', dom)
    if not download:
        return "no CSV download link in " + re.sub(r"\s+", " ", dom[-800:])
    status, content_type, body, _ = curl(args.base + html.unescape(download.group(1)))
    return expect(status == 200 and content_type.startswith("text/csv") and body.decode().splitlines()[0] == "p,o"
                  and len(body.decode().splitlines()) == 4, f"the CSV link gave HTTP {status} {content_type!r}: {body[:300]!r}")


def describe_shows_the_graph(args):
    """A DESCRIBE (a graph, not a table) comes back as Turtle in the page."""
    dom = chromium(args, page_url(args, query="DESCRIBE <http://example.org/tricky>"), "--dump-dom")
    graph = re.search(r'<pre class="graph"[^>]*>(.*?)</pre>', dom, re.S)
    if not graph:
        return "no graph in the page's DOM: " + re.sub(r"\s+", " ", dom[-800:])
    return expect("She said" in graph.group(1) and "tricky" in graph.group(1), f"the graph is {graph.group(1)[:500]!r}")


def main():
    def extra(parser):
        parser.add_argument("--chromium", default="/usr/bin/chromium")
        parser.add_argument("--screenshot", help="where to keep the screenshot with entities")
    args = arguments(__doc__, extra)
    args.base = args.query_url.rsplit("/sparql", 1)[0]
    checks = Checks()
    checks.run("page highlights the entities of a post (DOM)", highlighted_in_the_dom, args)
    checks.run("page screenshot shows the highlights (pixels)", screenshot_shows_the_highlights, args)
    checks.run("page runs a SPARQL query into a table", query_shows_a_table, args)
    checks.run("page runs a DESCRIBE into Turtle", describe_shows_the_graph, args)
    checks.finish()


if __name__ == "__main__":
    main()
