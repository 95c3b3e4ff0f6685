"""The hand-annotated quote passages (tests/data/quotes/passages.toml), unmarked.

Run as a script to write tests/data/quotes/passages.jsonl, the same passages in the
`eventwire eval quotes` gold format.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

HERE = Path(__file__).parent / "data" / "quotes"
MARK = re.compile(r"(\[\[|\{\{|<<|\(\()(\w+)\|(.*?)(\]\]|\}\}|>>|\)\))", re.S)
ROLE = {"[[": "content", "{{": "speaker", "<<": "cue", "((": "addressee"}


def unmark(marked: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    """Plain text and (role, quote id, start, end) for every marker."""
    out, spans, position = [], [], 0
    for match in MARK.finditer(marked):
        out.append(marked[position:match.start()])
        start = sum(len(p) for p in out)
        inner = match.group(3)
        out.append(inner)
        spans.append((ROLE[match.group(1)], match.group(2), start, start + len(inner)))
        position = match.end()
    out.append(marked[position:])
    return "".join(out), spans


def passages(name: str = "passages") -> list[dict]:
    data = tomllib.loads((HERE / f"{name}.toml").read_text(encoding="utf-8"))
    result = []
    for item in data["passage"]:
        text, spans = unmark(item["text"])
        quotes = {}
        for qid, info in item.get("quotes", {}).items():
            quotes[qid] = {"id": qid, "kind": info["kind"], "entity": info.get("entity", ""),
                           "content": [], "speaker": None, "cue": None, "addressee": None}
        for role, qid, start, end in spans:
            if role == "content":
                quotes[qid]["content"].append((start, end))
            else:
                quotes[qid][role] = (start, end)
        result.append({"id": item["id"], "case": item.get("case"), "construction": item.get("construction", ""),
                       "text": text, "quotes": list(quotes.values())})
    return result


def to_gold(passage: dict) -> dict:
    text = passage["text"]
    records = []
    for n, quote in enumerate(passage["quotes"]):
        for start, end in quote["content"]:
            speaker = quote["speaker"]
            records.append({
                "content": [start, end], "content_text": text[start:end],
                "cue_text": text[slice(*quote["cue"])] if quote["cue"] else "",
                "source_text": text[slice(*speaker)] if speaker else "",
                "source_span": list(speaker) if speaker else None,
                "kind": quote["kind"], "attribution_id": n,
            })
    return {"id": passage["id"], "text": text, "quotes": records}


def jsonl(name: str = "passages") -> str:
    return "".join(json.dumps(to_gold(p), ensure_ascii=False) + "\n" for p in passages(name))


if __name__ == "__main__":
    # passages.toml is the development set (one test per passage); heldout.toml was
    # written separately, never tuned on, and is only scored.
    for name in ("passages", "heldout"):
        (HERE / f"{name}.jsonl").write_text(jsonl(name), encoding="utf-8")
