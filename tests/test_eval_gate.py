"""The evaluation gate: every layer stays at or above its floor (tests/eval_floors.toml)."""

import hashlib
import tomllib
from pathlib import Path

import pytest

from eventwire.evaluate import SCORERS, read_gold

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
FLOORS = tomllib.loads((ROOT / "tests" / "eval_floors.toml").read_text(encoding="utf-8"))


def _get(figures, dotted):
    value = figures
    parts = dotted.split(".")
    i = 0
    while i < len(parts):
        # keys such as "0.3" contain a dot
        for j in range(len(parts), i, -1):
            key = ".".join(parts[i:j])
            if isinstance(value, dict) and key in value:
                value = value[key]
                i = j
                break
        else:
            raise KeyError(dotted)
    return value


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_eval_gate(analyzer, name):
    spec = FLOORS[name]
    path = (ROOT / spec["gold"]).resolve()
    if not path.exists():
        pytest.skip(f"{path} is not present")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    assert digest == spec["sha256"], f"{spec['gold']} changed: re-measure and update {name} in eval_floors.toml"
    records = [(f"{path}:{n}", record) for n, record in read_gold(path)]
    figures = SCORERS[spec["command"]].score(analyzer, records)
    for metric, floor in spec["floors"].items():
        value = _get(figures, metric)
        assert value >= floor, f"{name}: {metric} = {value:.3f} fell below its floor {floor}"
