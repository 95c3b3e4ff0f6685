"""Evaluation against gold files: one module per layer, each with a `score_*` function
that takes an Analyzer and gold records and returns a JSON-ready dict of figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..errors import InputError


def read_gold(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, record) for each line of a gold JSON Lines file."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read the gold file ({err})", "check the path and that it is UTF-8 JSON Lines") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}", f"not a JSON object ({err.msg})",
                             "fix the line; a gold file has one JSON record a line") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{path}:{number}", 'the record has no "text"', "each gold record needs id and text")
        yield number, record


def prf(matched: int, predicted: int, gold: int) -> dict[str, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "matched": matched, "predicted": predicted, "gold": gold}
