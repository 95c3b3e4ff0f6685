"""Settings, declared once.

Environment variables and CLI options feed one `Settings` object that is passed
explicitly to the analyzer; nothing reads configuration from module globals.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm"

# The largest document we analyse. spaCy refuses texts over nlp.max_length
# (1,000,000 characters) because the parser needs about 1 GB per 100,000 words;
# a long news article is 10-50 thousand characters.
MAX_CHARS = 1_000_000
# A text or HTML file is read whole; past this size it is almost certainly not an article.
MAX_FILE_BYTES = 10_000_000
DEFAULT_STORE = "eventwire.db"  # the corpus store when --db names none: an SQLite file here



def default_cache_dir(environ: dict[str, str] | None = None) -> Path:
    """Where built indexes are kept: $EVENTWIRE_CACHE_DIR, else $XDG_CACHE_HOME/eventwire, else
    ~/.cache/eventwire. Only derived data lives there; deleting it costs one rebuild."""
    env = os.environ if environ is None else environ
    if env.get("EVENTWIRE_CACHE_DIR"):
        return Path(env["EVENTWIRE_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


@dataclass(frozen=True)
class Settings:
    """Everything that changes what an analysis produces or how fast it runs.

    model         any installed spaCy pipeline with a parser and NER
    actor_files   extra actor dictionaries (eventwire TSV or CAMEO/TABARI)
    batch_size    documents per nlp.pipe batch
    processes     worker processes for many documents (1 = in this process)
    summary_sentences  sentences in the extractive summary
    max_chars     longest accepted document, in characters
    cache_dir     where built indexes (the place index) are kept; None: default_cache_dir()
    """

    model: str = DEFAULT_MODEL
    actor_files: tuple[Path, ...] = field(default_factory=tuple)
    batch_size: int = 16  # spaCy is as fast with 16 as with 64 here, in half the memory
    processes: int = 1
    summary_sentences: int = 3
    max_chars: int = MAX_CHARS
    cache_dir: Path | None = None

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, not {self.batch_size}")
        if self.processes < 1:
            raise ConfigError(f"processes must be at least 1, not {self.processes}")
        if self.summary_sentences < 0:
            raise ConfigError("summary sentences cannot be negative")

    def with_(self, **changes) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        """Settings from EVENTWIRE_* environment variables, defaults elsewhere."""
        env = os.environ if environ is None else environ
        values: dict = {}
        if env.get("EVENTWIRE_MODEL"):
            values["model"] = env["EVENTWIRE_MODEL"]
        if env.get("EVENTWIRE_ACTORS"):
            values["actor_files"] = tuple(
                Path(p) for p in env["EVENTWIRE_ACTORS"].split(os.pathsep) if p
            )
        for key, name in (("processes", "EVENTWIRE_PROCESSES"), ("batch_size", "EVENTWIRE_BATCH_SIZE")):
            if env.get(name):
                try:
                    values[key] = int(env[name])
                except ValueError:
                    raise ConfigError(f"{name} must be a whole number, not {env[name]!r}") from None
        return cls(**values)
