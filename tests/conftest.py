import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def analyzer():
    from eventwire import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def seed_gold():
    return json.loads((DATA / "seed" / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_record(analyzer, seed_gold):
    return analyzer.analyze(seed_gold["text"], published=seed_gold["published"], id=seed_gold["id"])


@pytest.fixture(scope="session")
def analyze(analyzer):
    """Analyse a short passage published on 2022-03-28 (a Monday)."""
    def run(text: str, published: str | None = "2022-03-28"):
        return analyzer.analyze(text, published=published)
    return run


def entity_of(record, text: str):
    """The entity one of whose mentions is exactly `text` (first occurrence)."""
    for entity in record["entities"]:
        if any(m["text"] == text for m in entity["mentions"]):
            return entity
    return None


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference material {path} is not present")
    return path
