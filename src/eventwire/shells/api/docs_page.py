"""/docs: the API's interactive documentation as one page and its script, served from here (no
CDN, no vendored bundle): it reads /openapi.json, lists every endpoint with its parameters, and
sends a request filled in from a form, showing the answer."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>eventwire API</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}
details{border:1px solid #ccc;border-radius:6px;margin:.5rem 0;padding:.4rem .7rem}
summary{cursor:pointer}code,pre{font:13px ui-monospace,monospace}
pre{background:#f5f5f5;padding:.5rem;overflow:auto;max-height:24rem;white-space:pre-wrap}
.m{display:inline-block;width:3.5rem;font-weight:bold}.get{color:#06607a}.post{color:#7a4a06}
label{display:block;margin:.2rem 0}label span{display:inline-block;min-width:11rem}
input,textarea{font:inherit}textarea{width:100%;height:6rem}small{color:#555}
</style></head><body>
<h1>eventwire API</h1>
<p>The schema is at <a href="/openapi.json">/openapi.json</a>; docs/api.md explains every endpoint.
Fill in a form and send it: the answer appears below the form.</p>
<label><span>Bearer token (writes)</span><input id="token" type="password" autocomplete="off"></label>
<div id="endpoints">Loading the schema…</div>
<script src="/docs/page.js"></script></body></html>
"""

SCRIPT = """"use strict";
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children) node.append(child);  // text is appended as text: never parsed as HTML
  return node;
}
async function main() {
  const spec = await (await fetch("/openapi.json")).json();
  const list = document.getElementById("endpoints");
  list.textContent = "";
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const form = el("form");
      for (const p of op.parameters || []) {
        const hint = (p.description || "") + (p.required ? " (required)" : "");
        form.append(el("label", {}, el("span", {}, p.name + " (" + p.in + ")"),
          el("input", {name: p.name, "data-in": p.in}), " ", el("small", {}, hint)));
      }
      if (op.requestBody) {
        form.append(el("label", {}, el("span", {}, "body (JSON)"),
          el("textarea", {name: "__body"}, '{"text": "..."}')));
      }
      const out = el("pre", {});
      form.append(el("button", {type: "submit"}, "Send"), out);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        let url = path;
        const query = new URLSearchParams();
        for (const input of form.querySelectorAll("input")) {
          if (!input.value) continue;
          if (input.dataset.in === "path") url = url.replace("{" + input.name + "}", encodeURIComponent(input.value));
          else query.append(input.name, input.value);
        }
        const headers = {};
        const token = document.getElementById("token").value;
        if (token) headers["Authorization"] = "Bearer " + token;
        const init = {method: method.toUpperCase(), headers};
        const body = form.querySelector("textarea");
        if (body) { init.body = body.value; headers["Content-Type"] = "application/json"; }
        const target = url + (query.toString() ? "?" + query : "");
        out.textContent = init.method + " " + target + " …";
        const response = await fetch(target, init);
        const text = await response.text();
        let shown = text;
        try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON: shown as is */ }
        out.textContent = response.status + " " + (response.headers.get("content-type") || "") + "\\n" + shown;
      });
      list.append(el("details", {}, el("summary", {}, el("span", {class: "m " + method}, method.toUpperCase()),
        el("code", {}, path), " — " + (op.summary || "")), el("p", {}, op.description || ""), form));
    }
  }
}
main().catch((err) => { document.getElementById("endpoints").textContent = "Cannot read the schema: " + err; });
"""


# Scripts from this server only, and none inline: a value shown on the page can never run
POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"


@router.get("/docs", response_class=HTMLResponse)
def interactive_docs() -> HTMLResponse:
    """The interactive documentation page."""
    return HTMLResponse(PAGE, headers={"Content-Security-Policy": POLICY})


@router.get("/docs/page.js")
def interactive_docs_script() -> Response:
    return Response(SCRIPT, media_type="text/javascript", headers={"Content-Security-Policy": POLICY})
