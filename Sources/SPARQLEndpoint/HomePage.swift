import Foundation

/// The page at `/` (issue 7, part 6): paste a post (and an image), see its recognised entities
/// highlighted with their types, links and confidences, and run SPARQL queries as a table. One
/// self-contained document (inline CSS and script, nothing fetched from elsewhere), built from
/// the user's data with DOM text nodes only, never as HTML. `/?text=…` fills in and submits the
/// post on load, `/?query=…` runs a query (links to a result, and the headless-browser test).
enum HomePage {
    static let html = Data(source.utf8)

    private static let source = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>CoAttKG: entities of a post</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; color: #1b1b1b; background: #fff; }
      h1 { font-size: 1.4rem; margin: 0.5rem 0; }
      h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
      label { display: block; font-weight: 600; margin-top: 0.5rem; }
      textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.4rem; }
      button { font: inherit; margin-top: 0.5rem; padding: 0.3rem 1rem; }
      .inline { display: inline; font-weight: normal; margin-right: 1rem; }
      #post { font-size: 1.2rem; line-height: 2.2; white-space: pre-wrap; border: 1px solid #ccc; padding: 0.5rem; min-height: 2rem; }
      .mention { padding: 0.15rem 0.3rem; border-radius: 0.25rem; color: #111; text-decoration: none; }
      a.mention { border-bottom: 2px solid #333; }
      .mention small { font-size: 0.7rem; font-weight: 700; margin-left: 0.25rem; }
      .PER { background: #f9c74f; }
      .LOC { background: #90be6d; }
      .ORG { background: #7fb7e6; }
      .OTHER, .MISC { background: #d3a6f0; }
      #legend span { margin-right: 0.5rem; }
      .status { min-height: 1.5rem; color: #333; }
      .error { color: #a00000; }
      table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; font-size: 0.9rem; }
      a.describe { font-size: 0.75rem; }
      pre.graph { overflow-x: auto; font-size: 0.85rem; border: 1px solid #ccc; padding: 0.5rem; }
      th, td { border: 1px solid #bbb; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; word-break: break-all; }
      th { background: #eee; }
      caption { text-align: left; }
    </style>
    </head>
    <body>
    <h1>CoAttKG: entities of a post</h1>
    <main>
    <section aria-labelledby="extract-heading">
    <h2 id="extract-heading">Recognise and link entities</h2>
    <form id="extract-form">
      <label for="text">Post</label>
      <textarea id="text" name="text" rows="4" required>Barack Obama visited Paris</textarea>
      <label for="image">Image (JPEG, optional)</label>
      <input id="image" name="image" type="file" accept="image/jpeg">
      <div>
        <label class="inline"><input id="store" type="checkbox"> Store it in the endpoint</label>
        <label class="inline" for="token">Update token</label>
        <input id="token" type="password" autocomplete="off">
      </div>
      <button type="submit">Recognise entities</button>
    </form>
    <p id="extract-status" class="status" role="status" aria-live="polite"></p>
    <div id="post" aria-label="The post with its entities highlighted"></div>
    <p id="legend">Types: <span class="mention PER">PER person</span><span class="mention LOC">LOC place</span><span class="mention ORG">ORG organisation</span><span class="mention OTHER">OTHER other</span>
      Underlined entities link to their knowledge-graph IRI; hover for confidences.</p>
    </section>
    <section aria-labelledby="sparql-heading">
    <h2 id="sparql-heading">SPARQL</h2>
    <form id="sparql-form">
      <label for="query">Query</label>
      <textarea id="query" rows="7">PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
    SELECT ?mention ?begin ?entity ?confidence WHERE {
      ?m nif:anchorOf ?mention ; nif:beginIndex ?begin ; itsrdf:taConfidence ?confidence .
      OPTIONAL { ?m itsrdf:taIdentRef ?entity }
    } ORDER BY ?begin LIMIT 100</textarea>
      <button type="submit">Run query</button>
    </form>
    <p id="sparql-status" class="status" role="status" aria-live="polite"></p>
    <div id="results"></div>
    </section>
    </main>
    <script>
    "use strict";
    const $ = (id) => document.getElementById(id);

    function element(name, attributes, text) {
      const node = document.createElement(name);
      for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
      if (text !== undefined) node.textContent = text;
      return node;
    }

    function say(where, message, isError) {
      $(where).textContent = message;
      $(where).className = isError ? "status error" : "status";
    }

    const isWebIRI = (iri) => /^https?:\/\//.test(iri || "");

    // The post's text with each mention as a coloured span (a link when it has an entity).
    function showPost(post, imageNote) {
      const box = $("post");
      box.replaceChildren();
      const mentions = post.mentions.slice().sort((a, b) => a.utf16Begin - b.utf16Begin);
      let at = 0;
      for (const m of mentions) {
        if (m.utf16Begin < at) continue;
        box.append(document.createTextNode(post.text.slice(at, m.utf16Begin)));
        const linked = isWebIRI(m.entity);
        const mark = element(linked ? "a" : "span", { class: "mention " + m.type });
        if (linked) mark.href = m.entity;
        mark.title = m.type + (m.class ? " (" + m.class + ")" : "") + ", confidence " + m.confidence.toFixed(2)
          + " (recognition " + m.recognitionConfidence.toFixed(2)
          + (m.linkingConfidence === null ? ", no entity" : ", linking " + m.linkingConfidence.toFixed(2)) + ")"
          + (linked ? "\n" + m.entity : "");
        mark.append(document.createTextNode(post.text.slice(m.utf16Begin, m.utf16End)), element("small", {}, m.type));
        box.append(mark);
        at = m.utf16End;
      }
      box.append(document.createTextNode(post.text.slice(at)));
      const count = post.mentions.length;
      say("extract-status", count + (count === 1 ? " entity" : " entities") + " in post " + post.id
        + (imageNote ? "; image " + imageNote : ""), false);
    }

    async function extract(event) {
      if (event) event.preventDefault();
      const form = new FormData();
      form.append("text", $("text").value);
      if ($("image").files.length > 0) form.append("image", $("image").files[0]);
      const headers = { "Accept": "application/json" };
      if ($("store").checked) {
        form.append("store", "true");
        headers["Authorization"] = "Bearer " + $("token").value;
      }
      say("extract-status", "Recognising…", false);
      try {
        const response = await fetch("/extract", { method: "POST", headers: headers, body: form });
        const body = await response.text();
        if (!response.ok) { say("extract-status", "Error " + response.status + ": " + body, true); return; }
        showPost(JSON.parse(body), response.headers.get("CoAtt-Image"));
      } catch (error) {
        say("extract-status", "Failed: " + error, true);
      }
    }

    function cell(term) {
      const td = element("td");
      if (!term) return td;
      if (term.type === "uri" && isWebIRI(term.value)) td.append(element("a", { href: term.value }, term.value));
      else td.textContent = term.value;
      // Every IRI can be looked up in this store: the page runs ?query= on load.
      if (term.type === "uri") {
        const describe = "?query=" + encodeURIComponent("DESCRIBE <" + term.value + ">");
        td.append(" ", element("a", { href: describe, class: "describe", title: "What this store says about it" }, "describe"));
      }
      return td;
    }

    async function runQuery(event) {
      if (event) event.preventDefault();
      say("sparql-status", "Running…", false);
      $("results").replaceChildren();
      try {
        const response = await fetch("/sparql", {
          method: "POST",
          // SELECT and ASK as a table; CONSTRUCT and DESCRIBE as Turtle.
          headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
          body: new URLSearchParams({ query: $("query").value }),
        });
        const body = await response.text();
        if (!response.ok) { say("sparql-status", "Error " + response.status + ": " + body, true); return; }
        if ((response.headers.get("Content-Type") || "").startsWith("text/turtle")) {
          $("results").append(element("pre", { class: "graph", "aria-label": "The answer graph in Turtle" }, body));
          say("sparql-status", "", false);
          return;
        }
        const answer = JSON.parse(body);
        if ("boolean" in answer) { say("sparql-status", "Answer: " + answer.boolean, false); return; }
        const variables = answer.head.vars, rows = answer.results.bindings;
        const table = element("table");
        table.append(element("caption", {}, rows.length + (rows.length === 1 ? " row" : " rows")));
        const head = element("tr");
        for (const name of variables) head.append(element("th", { scope: "col" }, name));
        table.appendChild(element("thead")).append(head);
        const tbody = table.appendChild(element("tbody"));
        for (const row of rows) {
          const tr = tbody.appendChild(element("tr"));
          for (const name of variables) tr.append(cell(row[name]));
        }
        $("results").append(table);
        // The same query as a CSV file, for a spreadsheet.
        const csv = "/sparql?" + new URLSearchParams({ query: $("query").value, format: "csv" });
        const download = element("p");
        download.append(element("a", { href: csv, download: "results.csv", class: "download" }, "Download as CSV"));
        $("results").append(download);
        say("sparql-status", "", false);
      } catch (error) {
        say("sparql-status", "Failed: " + error, true);
      }
    }

    $("extract-form").addEventListener("submit", extract);
    $("sparql-form").addEventListener("submit", runQuery);
    const parameters = new URLSearchParams(location.search);
    if (parameters.has("text")) { $("text").value = parameters.get("text"); extract(); }
    if (parameters.has("query")) { $("query").value = parameters.get("query"); runQuery(); }
    </script>
    </body>
    </html>
    """#
}
